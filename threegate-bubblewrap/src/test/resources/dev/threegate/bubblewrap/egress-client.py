import json, socket, sys, urllib.error, urllib.request

mode = sys.argv[1]
pa, ph, po = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
host_ip = sys.argv[5]
out = {}


def head(s):
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = s.recv(4096)
        if not chunk:
            break
        data += chunk
    return data


def tunnel(host, port):
    s = socket.create_connection(("127.0.0.1", 3128), timeout=30)
    s.sendall(("CONNECT %s:%d HTTP/1.1\r\nHost: %s:%d\r\n\r\n" % (host, port, host, port)).encode())
    return s, head(s).split(b"\r\n")[0].decode()


def direct(address):
    try:
        socket.create_connection(address, timeout=5).close()
        return "connected"
    except OSError as e:
        return type(e).__name__


if mode == "main":
    s, out["connect_status"] = tunnel("allowed.test", pa)
    s.sendall(b"ping\n")
    out["connect_reply"] = s.recv(100).decode()
    s.close()
    out["http_body"] = urllib.request.urlopen("http://allowed.test:%d/hello?x=1" % ph, timeout=30).read().decode()
    try:
        urllib.request.urlopen("http://other.test:%d/" % po, timeout=30)
        out["other_http"] = "reached"
    except urllib.error.HTTPError as e:
        out["other_http"] = e.code
    s, out["other_connect"] = tunnel("other.test", po)
    s.close()
    out["direct_loopback"] = direct(("127.0.0.1", po))
    out["direct_host"] = direct((host_ip, po)) if host_ip != "-" else "skipped"
    s, out["ip_literal"] = tunnel("127.0.0.1", pa)
    s.close()
    s, out["port_not_listed"] = tunnel("allowed.test", 9)
    s.close()
    s, out["relay_status"] = tunnel("allowed.test", pa)
    s.sendall(("CONNECT other.test:%d HTTP/1.1\r\nHost: other.test\r\n\r\n" % po).encode())
    out["relay_reply"] = s.recv(200).decode()
    s.close()
elif mode == "private":
    s, out["connect_status"] = tunnel("allowed.test", pa)
    s.close()
elif mode == "flood":
    statuses = []
    for i in range(5):
        s, status = tunnel("allowed.test", pa)
        statuses.append(status)
        s.close()
    out["statuses"] = statuses
elif mode == "socks":
    import struct
    for host, port in (("allowed.test", pa), ("other.test", po)):
        s = socket.create_connection(("127.0.0.1", 3128), timeout=30)
        s.sendall(b"\x05\x01\x00")
        assert s.recv(2) == b"\x05\x00"
        s.sendall(b"\x05\x01\x00\x03" + bytes([len(host)]) + host.encode() + struct.pack(">H", port))
        reply = s.recv(10)
        out[host] = reply[1]
        if reply[1] == 0:
            s.sendall(b"socks\n")
            out[host + "_reply"] = s.recv(100).decode()
        s.close()
elif mode == "hang":
    import time
    s, status = tunnel("allowed.test", pa)
    print(status, flush=True)
    s.sendall(b"hold\n")
    time.sleep(120)
elif mode == "none":
    import os
    out["proxy_variables"] = sorted(k for k in os.environ if "proxy" in k.lower())
    out["socket_dir"] = os.path.exists("/run/threegate")
    out["direct_loopback"] = direct(("127.0.0.1", po))
    out["direct_host"] = direct((host_ip, po)) if host_ip != "-" else "skipped"
print(json.dumps(out))
