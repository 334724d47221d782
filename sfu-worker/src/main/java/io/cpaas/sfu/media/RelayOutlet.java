package io.cpaas.sfu.media;

import io.cpaas.sfu.room.Room;

/**
 * Where a room's forwardable RTP also goes when other workers relay the room (a broadcast's origin
 * sends each packet once per edge). Called on the receive thread for every packet that the room's
 * subscribers get, with the packet as the publisher sent it (decrypted).
 */
public interface RelayOutlet {

    /** First byte of every relay datagram: outside the ranges RFC 7983 gives STUN, DTLS, TURN and RTP. */
    byte DATAGRAM_MARKER = (byte) 0xFF;

    void forward(Room room, byte[] buf, int off, int len);
}
