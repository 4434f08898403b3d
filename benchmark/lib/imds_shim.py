#!/usr/bin/python3
"""A pass-through HTTP shim in front of the azevents IMDS simulator.

The simulator rejects api-version=2019-08-01 on /metadata/instance, which Azure's real IMDS
accepts and which both Python agents send. This shim listens where the agents expect IMDS
(169.254.169.254:80 inside the lab node's network namespace), rewrites only that one
api-version on that one path to 2021-12-13, and forwards every request unchanged otherwise
(method, headers, body) to the simulator on loopback. It adds one loopback hop to every
request of every agent alike; run.sh uses it only when the simulator needs it.

usage: imds_shim.py LISTEN_ADDR LISTEN_PORT UPSTREAM_PORT
"""
import http.client
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LISTEN, PORT, UPSTREAM = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
HOP = {"connection", "keep-alive", "transfer-encoding", "proxy-connection", "te", "upgrade"}


class Shim(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def _forward(self):
        path = self.path
        if path.startswith("/metadata/instance?") and "api-version=2019-08-01" in path:
            path = path.replace("api-version=2019-08-01", "api-version=2021-12-13")
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n) if n else None
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP}
        c = http.client.HTTPConnection("127.0.0.1", UPSTREAM, timeout=30)
        try:
            c.request(self.command, path, body=body, headers=headers)
            r = c.getresponse()
            data = r.read()
            self.send_response_only(r.status, r.reason)
            for k, v in r.getheaders():
                if k.lower() not in HOP and k.lower() != "content-length":
                    self.send_header(k, v)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        finally:
            c.close()

    do_GET = do_POST = do_PUT = do_DELETE = _forward

    def log_message(self, *args):
        pass


ThreadingHTTPServer.daemon_threads = True
ThreadingHTTPServer((LISTEN, PORT), Shim).serve_forever()
