#!/usr/bin/env python3
# The link between the host and one test network namespace, in user space: two TUN devices, one in
# the host (HOST_DEVICE) and one in the namespace (NS_DEVICE), with every IP packet copied from one
# to the other by this process. It drops packets at random (loss), holds them (delay) and drops
# everything for a while (outage), per direction, because this machine's kernel has no sch_netem.
# Rate limits stay in the kernel: tc (tbf) on either device. Started and driven by
# NetworkNamespace.java; the devices vanish when this process ends, and it ends when its stdin closes.
#
# Usage: link.py NAMESPACE HOST_DEVICE NS_DEVICE
# Prints "ready" once both devices exist. Commands on stdin, one a line, each answered "ok" or "error …":
#   set up|down|both loss=<percent> delay=<ms>   up: namespace → host, down: host → namespace
#   outage <ms>                                  drops everything both ways for <ms>, then lifts by itself
#   stats                                        answers one JSON line of counters per direction
import collections
import ctypes
import fcntl
import json
import os
import random
import select
import struct
import sys
import time

TUNSETIFF = 0x400454CA
IFF_TUN = 0x0001
IFF_NO_PI = 0x1000
CLONE_NEWNET = 0x40000000
QUEUE_LIMIT = 20000  # packets held for delay; past this they are dropped and counted


def open_tun(name):
    fd = os.open('/dev/net/tun', os.O_RDWR | os.O_NONBLOCK)
    fcntl.ioctl(fd, TUNSETIFF, struct.pack('16sH', name.encode(), IFF_TUN | IFF_NO_PI))
    return fd


def enter_namespace(name):
    libc = ctypes.CDLL(None, use_errno=True)
    with open('/run/netns/' + name) as handle:
        if libc.setns(handle.fileno(), CLONE_NEWNET) != 0:
            error = ctypes.get_errno()
            raise OSError(error, 'setns into ' + name + ': ' + os.strerror(error))


class Direction:
    def __init__(self, source, target):
        self.source, self.target = source, target
        self.loss, self.delay = 0.0, 0.0
        self.held = collections.deque()
        self.counters = {'forwarded': 0, 'lost': 0, 'outage': 0, 'overflow': 0, 'unwritable': 0}

    def offer(self, packet, now, outage):
        if outage:
            self.counters['outage'] += 1
        elif self.loss > 0 and random.random() < self.loss:
            self.counters['lost'] += 1
        elif self.delay <= 0 and not self.held:
            self.write(packet)
        elif len(self.held) >= QUEUE_LIMIT:
            self.counters['overflow'] += 1
        else:
            self.held.append((now + self.delay, packet))

    def release(self, now):
        while self.held and self.held[0][0] <= now:
            self.write(self.held.popleft()[1])

    def next_due(self):
        return self.held[0][0] if self.held else None

    def write(self, packet):
        try:
            os.write(self.target, packet)
            self.counters['forwarded'] += 1
        except OSError:  # the device is down or its queue is full: the packet is lost, as on a wire
            self.counters['unwritable'] += 1


def main():
    namespace, host_device, ns_device = sys.argv[1:4]
    host = open_tun(host_device)
    enter_namespace(namespace)
    inside = open_tun(ns_device)
    directions = {'up': Direction(inside, host), 'down': Direction(host, inside)}
    by_source = {inside: directions['up'], host: directions['down']}
    outage_until = 0.0
    pending = b''
    print('ready', flush=True)

    def answer(line):
        nonlocal outage_until
        words = line.split()
        if not words:
            return 'error empty command'
        if words[0] == 'set' and len(words) >= 2 and words[1] in ('up', 'down', 'both'):
            settings = dict(word.split('=', 1) for word in words[2:])
            loss = float(settings.get('loss', 0)) / 100
            delay = float(settings.get('delay', 0)) / 1000
            if not 0 <= loss <= 1 or not 0 <= delay <= 10:
                return 'error loss must be 0-100 and delay 0-10000 ms'
            for name in (('up', 'down') if words[1] == 'both' else (words[1],)):
                directions[name].loss, directions[name].delay = loss, delay
            return 'ok'
        if words[0] == 'outage' and len(words) == 2:
            outage_until = time.monotonic() + float(words[1]) / 1000
            return 'ok'
        if words[0] == 'stats':
            return json.dumps({name: d.counters for name, d in directions.items()})
        return 'error unknown command: ' + line

    while True:
        now = time.monotonic()
        dues = [due for due in (d.next_due() for d in directions.values()) if due is not None]
        timeout = max(0.0, min(dues) - now) if dues else None
        readable, _, _ = select.select([host, inside, sys.stdin.fileno()], [], [], timeout)
        now = time.monotonic()
        for fd in readable:
            if fd == sys.stdin.fileno():
                chunk = os.read(fd, 4096)
                if not chunk:
                    return
                pending += chunk
                while b'\n' in pending:
                    line, pending = pending.split(b'\n', 1)
                    print(answer(line.decode().strip()), flush=True)
                continue
            direction = by_source[fd]
            for _ in range(256):
                try:
                    packet = os.read(fd, 65536)
                except BlockingIOError:
                    break
                direction.offer(packet, now, now < outage_until)
        for direction in directions.values():
            direction.release(now)


if __name__ == '__main__':
    main()
