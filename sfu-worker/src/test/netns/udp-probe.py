#!/usr/bin/env python3
# UDP probes run inside a test network namespace (NetworkNamespaceTests) to see what its link does.
# Prints one JSON line.
#   udp-probe.py echo HOST PORT COUNT INTERVAL_MS
#       sends COUNT numbered probes to an echo server, one every INTERVAL_MS; answers how many came
#       back, their round-trip times (ms) and, per probe, whether it came back (after a "started" line)
#   udp-probe.py sink ADDRESS PORT SECONDS
#       counts datagrams arriving at ADDRESS:PORT for SECONDS after the first "ready" line printed
import json
import socket
import sys
import time

SO_RCVBUFFORCE = getattr(socket, 'SO_RCVBUFFORCE', 33)  # Linux; needs root, as the namespaces do


def echo(host, port, count, interval_ms):
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setblocking(False)
    print('started', flush=True)
    sent_at, rtts, back = {}, [], [False] * count
    deadline = time.monotonic() + count * interval_ms / 1000 + 2
    next_send, number = time.monotonic(), 0
    while time.monotonic() < deadline:
        now = time.monotonic()
        if number < count and now >= next_send:
            sent_at[number] = now
            sock.sendto(number.to_bytes(4, 'big'), (host, port))
            number += 1
            next_send += interval_ms / 1000
        try:
            data, _ = sock.recvfrom(64)
            probe = int.from_bytes(data[:4], 'big')
            if probe < count and not back[probe]:
                back[probe] = True
                rtts.append(round((time.monotonic() - sent_at[probe]) * 1000, 1))
        except BlockingIOError:
            time.sleep(0.002)
    print(json.dumps({'sent': count, 'received': sum(back), 'rtts': rtts, 'back': back}), flush=True)


def sink(address, port, seconds):
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    # A burst must wait in the socket while a loaded machine has not scheduled this process yet: the
    # default buffer (~200 kB, about 90 datagrams of 1,000 bytes) dropped some before it read them.
    try:
        sock.setsockopt(socket.SOL_SOCKET, SO_RCVBUFFORCE, 8 << 20)
    except PermissionError:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
    sock.bind((address, port))
    sock.settimeout(0.05)
    print('ready', flush=True)
    received, octets, deadline = 0, 0, time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            octets += len(sock.recv(65536))
            received += 1
        except socket.timeout:
            pass
    print(json.dumps({'received': received, 'bytes': octets}), flush=True)


if __name__ == '__main__':
    mode = sys.argv[1]
    if mode == 'echo':
        echo(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]))
    elif mode == 'sink':
        sink(sys.argv[2], int(sys.argv[3]), float(sys.argv[4]))
    else:
        sys.exit('unknown mode ' + mode)
