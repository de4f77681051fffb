#!/usr/bin/python3
"""Small UDP traffic tool for the e2e scenarios (standard library only).

  udptool.py echo PORT [--count N] [--timeout S] [--mark M] [--encap PORT]
                       [--ready FILE]
      Answer every datagram received on PORT with the same bytes, until N
      distinct ones were answered or S seconds passed without traffic.
      Prints "echoed N".  Replies carry socket mark M.  Once listening,
      creates FILE.

  udptool.py send HOST PORT [--count N] [--timeout S] [--mark M] [--encap PORT]
      Send N numbered datagrams to HOST:PORT, resending the unanswered ones
      every half second, for up to S seconds.  Prints "sent N received K";
      exit status 0 only when every datagram came back.

  udptool.py pppol2tp
      Create a PPPoL2TP socket (needs l2tp_ppp); exit status 0 on success.

--encap PORT keeps a UDP socket bound to PORT in ESP-in-UDP mode
(UDP_ENCAP_ESPINUDP, RFC 3948) open for the tool's lifetime: without
one the kernel does not decapsulate ESP arriving on that port.
"""
import select
import socket
import sys
import time

SOL_UDP = 17
UDP_ENCAP = 100
UDP_ENCAP_ESPINUDP = 2
SO_MARK = 36
AF_PPPOX = 24
PX_PROTO_OL2TP = 1


def encap_socket(port):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("0.0.0.0", port))
    s.setsockopt(SOL_UDP, UDP_ENCAP, UDP_ENCAP_ESPINUDP)
    return s


def data_socket(port, mark):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    if mark:
        s.setsockopt(socket.SOL_SOCKET, SO_MARK, mark)
    s.bind(("0.0.0.0", port))
    return s


def do_echo(a):
    s = data_socket(a.port, a.mark)
    if a.ready:
        open(a.ready, "w").close()
    seen = set()
    while len(seen) < a.count:
        r, _, _ = select.select([s], [], [], a.timeout)
        if not r:
            break
        data, peer = s.recvfrom(65535)
        s.sendto(data, peer)
        seen.add(data)
    print("echoed %d" % len(seen), flush=True)
    return 0


def do_send(a):
    s = data_socket(0, a.mark)
    want = set(b"rosh-e2e %d" % i for i in range(a.count))
    got = 0
    deadline = time.monotonic() + a.timeout
    resend = 0.0
    while want:
        now = time.monotonic()
        if now >= deadline:
            break
        if now >= resend:
            for msg in sorted(want):
                try:
                    s.sendto(msg, (a.host, a.port))
                except OSError:
                    pass  # e.g. an ICMP error from an earlier datagram
            resend = now + 0.5
        r, _, _ = select.select([s], [], [], min(resend, deadline) - now)
        if not r:
            continue
        try:
            data, _ = s.recvfrom(65535)
        except OSError:
            continue
        if data in want:
            want.discard(data)
            got += 1
    print("sent %d received %d" % (a.count, got), flush=True)
    return 0 if got == a.count else 1


def do_pppol2tp(_a):
    s = socket.socket(AF_PPPOX, socket.SOCK_DGRAM, PX_PROTO_OL2TP)
    s.close()
    print("PPPoL2TP socket ok")
    return 0


class Args:
    count = 5
    timeout = 10.0
    mark = 0
    encap = 0
    ready = None


def usage():
    sys.stderr.write(__doc__)
    return 2


def parse(argv):
    """Positional arguments, then --name value options."""
    a = Args()
    pos = []
    conv = {"count": int, "timeout": float, "encap": int, "ready": str,
            "mark": lambda v: int(v, 0)}
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg.startswith("--"):
            name = arg[2:]
            if name not in conv or i + 1 >= len(argv):
                return None
            setattr(a, name, conv[name](argv[i + 1]))
            i += 2
        else:
            pos.append(arg)
            i += 1
    need = {"echo": 2, "send": 3, "pppol2tp": 1}
    if not pos or need.get(pos[0]) != len(pos):
        return None
    a.cmd = pos[0]
    if a.cmd == "echo":
        a.port = int(pos[1])
    elif a.cmd == "send":
        a.host, a.port = pos[1], int(pos[2])
    return a


def main():
    a = parse(sys.argv[1:])
    if a is None:
        return usage()
    if a.cmd == "pppol2tp":
        return do_pppol2tp(a)
    keep = encap_socket(a.encap) if a.encap else None
    try:
        return do_echo(a) if a.cmd == "echo" else do_send(a)
    finally:
        if keep:
            keep.close()


if __name__ == "__main__":
    sys.exit(main())
