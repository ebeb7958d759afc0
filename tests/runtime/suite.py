#!/usr/bin/python3
"""Runtime proof: what Mirrorsmith writes makes real containerd pull where it
should. run.sh starts this script as PID 1 of its own network, mount and PID
namespaces (`unshare --net --mount --pid --fork --kill-child --mount-proc`),
and it refuses to run anywhere else (isolation_problem):

- only loopback exists; a private /etc/hosts maps every made-up name to it;
- what the daemons and tools write stays in the namespaces: the work dir and /run
  are private tmpfs mounts, /etc and /opt are overlays whose upper layers live
  in the work dir, /etc/cni, /etc/nri, /opt/containerd, /opt/cni and /opt/nri
  are empty private tmpfs mounts, and each containerd gets the installed tree's
  etc/containerd bind-mounted over /etc/containerd (made in the overlay when
  the host has none);
- every process started here is stopped here, on SIGTERM, SIGINT and SIGHUP
  too; the kernel kills whatever would be left when PID 1 exits.

Each scenario renders a profile with the project's CLI, installs the tree
with the generated install.sh --root, starts containerd from those files as
written (private socket, root and state; the proxy environment as systemd
itself parses it from the drop-in), pulls over CRI and reads what the
registries, the listeners, the proxy and containerd saw. One line per check,
then a summary.
"""

import base64
import ctypes
import datetime
import grp
import gzip
import hashlib
import http.client
import http.server
import io
import json
import os
import pwd
import re
import shutil
import signal
import socket
import socketserver
import ssl
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
import tomllib
import urllib.parse
from collections import namedtuple

import grpc

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CLI = os.path.join(ROOT, "target", "debug", "mirrorsmith")
# All four from run.sh, required (isolation_problem): the containerd binary,
# the version it must say it is, the empty work dir, the host's namespaces.
CONTAINERD = os.environ.get("CONTAINERD")
CONTAINERD_EXPECT = os.environ.get("CONTAINERD_EXPECT")
WORK = os.environ.get("MIRRORSMITH_WORK")
HOST_NS = os.environ.get("MIRRORSMITH_HOST_NS", "").split()
KEEP_WORK = bool(os.environ.get("KEEP_WORK"))
CERTS_D = "/etc/containerd/certs.d"

# Names that resolve to 127.0.0.1 in the private /etc/hosts. Go never
# proxies loopback IPs, so every host is a made-up name.
NAMES = [
    "registry-1.docker.io", "registry.k8s.io", "quay.io", "mirror.test", "mirror2.test",
    "down.test", "registry.test", "other.test", "harbor.test", "tls.test", "proxy.test",
]
MIRROR, MIRROR2, TLS, DOWN, UPSTREAM, PROXY, PROXY_FRONT = 5001, 5002, 5443, 5009, 443, 8888, 8889
REGISTRIES = {"mirror": MIRROR, "mirror2": MIRROR2, "tls": TLS}
# The proxy password has a `%` and a space: percent-encoded in the URL, and
# every `%` doubled in the systemd drop-in.
PROXY_USER, PROXY_PASSWORD = "u", "p% x"
PROXY_URL = f"http://{PROXY_USER}:{urllib.parse.quote(PROXY_PASSWORD, safe='')}@proxy.test:{PROXY_FRONT}"

RESULTS = []
PROCS = []
SERVERS = []
VERSION = None


def check(name, ok, detail=""):
    RESULTS.append(bool(ok))
    line = ("PASS  " if ok else "FAIL  ") + name
    if detail and not ok:
        line += "\n      " + str(detail).replace("\n", "\n      ")[:2000]
    print(line, flush=True)
    return ok


def run(argv, **kw):
    return subprocess.run(argv, check=True, capture_output=True, text=True, **kw)


def containerd_version():
    v = os.environ.get("CONTAINERD_VERSION")
    if v:
        return v
    out = run([CONTAINERD, "--version"]).stdout
    m = re.search(r"\s(?:v)?(\d+)\.(\d+)\.\d+", out)
    major, minor = int(m.group(1)), int(m.group(2))
    return "2.2" if (major, minor) >= (2, 2) else f"{major}.{minor}"


# --- processes ---------------------------------------------------------------

def start(name, argv, env=None, cwd=None):
    log = open(os.path.join(WORK, name + ".log"), "w")
    p = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=cwd, start_new_session=True)
    PROCS.append(p)
    return p


def stop(p):
    if p.poll() is None:
        try:
            os.killpg(p.pid, signal.SIGTERM)
            p.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
        except ProcessLookupError:
            p.wait()
    if p in PROCS:
        PROCS.remove(p)


def wait_port(port, timeout=20):
    end = time.time() + timeout
    while time.time() < end:
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on {port}")


def read_log(name):
    with open(os.path.join(WORK, name + ".log"), errors="replace") as f:
        return f.read()


def log_mark(name):
    """The current length of a log (in characters: logs hold some UTF-8), to
    read only what comes after."""
    return len(read_log(name))


def log_since(name, mark):
    return read_log(name)[mark:]


STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)
STOPPING = False


def on_signal(signum, _frame):
    """A kill runs the same clean-up as the end of the run (the `finally`
    blocks); once it runs, further signals are ignored."""
    global STOPPING
    if STOPPING:
        return
    STOPPING = True
    print(f"\nINTERRUPTED by {signal.Signals(signum).name}: stopping everything", flush=True)
    raise SystemExit(128 + signum)


# --- namespace ---------------------------------------------------------------

_libc = ctypes.CDLL(None, use_errno=True)
MS_BIND, MS_REC, MS_PRIVATE, MNT_DETACH = 0x1000, 0x4000, 0x40000, 2
# Empty and private: what the daemons create there (opt plugin, CNI and NRI
# directories, the NRI socket's neighbours) and what they would read from the
# host (CNI configs, NRI plugins they would start).
PRIVATE_DIRS = ["/etc/cni", "/etc/nri", "/opt/containerd", "/opt/cni", "/opt/nri"]


def mount(source, target, fstype=None, flags=0, options=None):
    """mount(2) itself: mount(8) creates /run/mount/utab, on the host as long
    as /run is not yet private."""
    enc = lambda s: None if s is None else s.encode()
    if _libc.mount(enc(source), enc(target), enc(fstype), ctypes.c_ulong(flags), enc(options)) != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"mount {target}: {os.strerror(err)}")


def umount(target, flags=0):
    if _libc.umount2(target.encode(), flags) != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"umount {target}: {os.strerror(err)}")


def mount_type(path):
    """The file system type on top at path, or None when it is no mount point."""
    fstype = None
    with open("/proc/self/mountinfo") as f:
        for line in f:
            before, after = line.split(" - ", 1)
            if before.split()[4] == path:
                fstype = after.split()[0]
    return fstype


NAMESPACES = ("mnt", "net", "pid")


def isolation_problem():
    """Why this process must not set anything up here, or None. setup_namespace
    makes / rprivate and mounts over /run, /etc and /opt: only as PID 1 of its
    own PID namespace, in mount and network namespaces that are not the
    host's (run.sh passes the host's, read outside unshare), with what run.sh
    passes."""
    for var in ("MIRRORSMITH_HOST_NS", "MIRRORSMITH_WORK", "CONTAINERD", "CONTAINERD_EXPECT"):
        if not os.environ.get(var):
            return f"{var} is not set"
    if len(HOST_NS) != len(NAMESPACES) or any(not h.startswith(k + ":[") for k, h in zip(NAMESPACES, HOST_NS)):
        return f"MIRRORSMITH_HOST_NS is not the host's {'/'.join(NAMESPACES)} namespaces: {' '.join(HOST_NS)!r}"
    if os.getpid() != 1:
        return f"this is PID {os.getpid()}, not PID 1 of its own PID namespace"
    for kind, host in zip(NAMESPACES, HOST_NS):
        mine = os.readlink(f"/proc/self/ns/{kind}")
        if mine == host:
            return f"this runs in the host's {kind} namespace ({mine})"
    if not os.path.isdir(WORK) or os.listdir(WORK):
        return f"MIRRORSMITH_WORK={WORK} is not an empty directory"
    return None


def setup_namespace():
    run(["ip", "link", "set", "lo", "up"])
    mount("none", "/", flags=MS_REC | MS_PRIVATE)
    if KEEP_WORK:
        os.chmod(WORK, 0o711)
    else:
        mount("tmpfs", WORK, "tmpfs", 0, "mode=0711")
    mount("tmpfs", "/run", "tmpfs", 0, "mode=0755")
    # systemd --test runs as nobody (systemd_env) and needs its runtime dir.
    os.makedirs("/run/systemd")
    os.chown("/run/systemd", pwd.getpwnam("nobody").pw_uid, grp.getgrnam("nogroup").gr_gid)
    for top in ("/etc", "/opt"):
        layer = os.path.join(WORK, "overlay" + top)
        os.makedirs(layer + "/upper")
        os.makedirs(layer + "/work")
        mount("overlay", top, "overlay", 0, f"lowerdir={top},upperdir={layer}/upper,workdir={layer}/work")
        if mount_type(top) != "overlay":
            raise RuntimeError(f"{top} is not a private overlay: creating nothing under it")
    for d in PRIVATE_DIRS:
        os.makedirs(d, exist_ok=True)
        mount("tmpfs", d, "tmpfs", 0, "mode=0755")
    os.makedirs("/etc/containerd", exist_ok=True)
    hosts = os.path.join(WORK, "hosts")
    with open(hosts, "w") as f:
        f.write("127.0.0.1 localhost\n::1 localhost\n127.0.0.1 " + " ".join(NAMES) + "\n")
    mount(hosts, "/etc/hosts", flags=MS_BIND)


def cleanup():
    for s in SERVERS:
        s.shutdown()
        s.server_close()
    for p in reversed(list(PROCS)):
        stop(p)
    if KEEP_WORK:
        print(f"logs kept in {WORK}")
        return
    if mount_type(WORK) == "tmpfs":
        umount(WORK, MNT_DETACH)
    shutil.rmtree(WORK, ignore_errors=True)


# --- TLS ---------------------------------------------------------------------

def make_pki():
    """A private CA for the TLS mirror (trusted only through hosts.toml `ca`)
    and a 'public' one for the upstreams' :443, which containerd trusts like
    a system CA (SSL_CERT_FILE), so the upstream listener sees each request."""
    d = os.path.join(WORK, "pki")
    os.makedirs(d)
    ossl = lambda *a: run(["openssl", *a], cwd=d)
    key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]

    def ca(name, cn):
        ossl("req", "-x509", *key, "-days", "2", "-subj", f"/CN={cn}", "-keyout", f"{name}.key", "-out", f"{name}.crt")

    def cert(name, issuer, names):
        ossl("req", *key, "-subj", f"/CN={names[0]}", "-keyout", f"{name}.key", "-out", f"{name}.csr")
        with open(os.path.join(d, f"{name}.ext"), "w") as f:
            f.write("subjectAltName=" + ",".join("DNS:" + n for n in names) + "\n")
        ossl("x509", "-req", "-in", f"{name}.csr", "-CA", f"{issuer}.crt", "-CAkey", f"{issuer}.key", "-CAcreateserial",
             "-days", "2", "-extfile", f"{name}.ext", "-out", f"{name}.crt")

    ca("ca", "Mirrorsmith test CA")
    cert("tls", "ca", ["tls.test"])
    ca("public-ca", "Mirrorsmith test public CA")
    cert("upstream", "public-ca", NAMES)
    return d


# --- registries, proxy, listeners --------------------------------------------

def start_registry(name, port, pki=None):
    store = os.path.join(WORK, "store-" + name)
    os.makedirs(store)
    tls = ""
    if pki:
        tls = f"  tls:\n    certificate: {pki}/tls.crt\n    key: {pki}/tls.key\n"
    cfg = os.path.join(WORK, name + ".yml")
    with open(cfg, "w") as f:
        f.write(
            "version: 0.1\nlog:\n  level: info\n  formatter: text\n  accesslog:\n    disabled: false\n"
            f"storage:\n  filesystem:\n    rootdirectory: {store}\n"
            f"http:\n  addr: 127.0.0.1:{port}\n{tls}"
        )
    start(name, ["docker-registry", "serve", cfg])
    wait_port(port)


def start_proxy():
    cfg = os.path.join(WORK, "tinyproxy.conf")
    with open(cfg, "w") as f:
        f.write(
            f"Port {PROXY}\nListen 127.0.0.1\nTimeout 30\nLogLevel Connect\n"
            f"LogFile \"{WORK}/tinyproxy-file.log\"\nMaxClients 50\nAllow 127.0.0.1\n"
        )
    # Foreground (-d); the log file is what we read.
    open(os.path.join(WORK, "tinyproxy-file.log"), "w").close()
    start("tinyproxy", ["tinyproxy", "-d", "-c", cfg])
    wait_port(PROXY)


# A request a registry or a listener saw. t: seconds since the epoch.
Req = namedtuple("Req", "t source authority method path query status")


class Listener:
    """An HTTP(S) endpoint that records every request and answers `status`
    with no body: the mirror that is down (503) and the upstreams' :443
    (404, TLS with the public CA). `refused` counts failed TLS handshakes."""

    def __init__(self, name, port, status, tls=None):
        self.name, self.requests, self.connections, self.refused = name, [], 0, 0
        listener = self

        class Handler(http.server.BaseHTTPRequestHandler):
            timeout = 10

            def handle(self):
                if isinstance(self.request, ssl.SSLSocket):
                    try:
                        self.request.do_handshake()
                    except (ssl.SSLError, OSError):
                        listener.refused += 1
                        return
                super().handle()

            def answer(self):
                path, _, query = self.path.partition("?")
                listener.requests.append(Req(time.time(), listener.name, self.headers.get("Host", ""),
                                             self.command, path, query, status))
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            do_GET = do_HEAD = do_POST = do_PUT = answer

            def log_message(self, *args):
                pass

        class Server(http.server.ThreadingHTTPServer):
            daemon_threads = True
            allow_reuse_address = True

            def get_request(self):
                sock, addr = super().get_request()
                listener.connections += 1
                if tls:
                    sock = tls.wrap_socket(sock, server_side=True, do_handshake_on_connect=False)
                return sock, addr

        self.server = Server(("127.0.0.1", port), Handler)
        SERVERS.append(self.server)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def mark(self):
        return len(self.requests), self.connections, self.refused

    def since(self, mark):
        return self.requests[mark[0]:]


class ProxyFront:
    """proxy.test:8889 in front of tinyproxy: records the head of the first
    request of each connection (request line, Proxy-Authorization) and
    relays the bytes both ways."""

    def __init__(self):
        self.heads = []
        front = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self):
                head = b""
                while b"\r\n\r\n" not in head:
                    chunk = self.request.recv(65536)
                    if not chunk:
                        return
                    head += chunk
                front.heads.append(head.split(b"\r\n\r\n", 1)[0].decode("latin-1"))
                with socket.create_connection(("127.0.0.1", PROXY)) as up:
                    up.sendall(head)
                    back = threading.Thread(target=pump, args=(up, self.request), daemon=True)
                    back.start()
                    pump(self.request, up)
                    back.join(30)

        def pump(src, dst):
            try:
                while data := src.recv(65536):
                    dst.sendall(data)
                dst.shutdown(socket.SHUT_WR)
            except OSError:
                pass

        class Server(socketserver.ThreadingTCPServer):
            daemon_threads = True
            allow_reuse_address = True

        self.server = Server(("127.0.0.1", PROXY_FRONT), Handler)
        SERVERS.append(self.server)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def mark(self):
        return len(self.heads)


# --- what the registries and listeners saw ------------------------------------

# logrus text: key=value, the value quoted only when it needs to be.
LOGFMT = re.compile(r'([\w.]+)=("(?:[^"\\]|\\.)*"|\S*)')


def logfmt(line):
    fields = {}
    for k, v in LOGFMT.findall(line):
        if v.startswith('"'):
            try:
                v = json.loads(v)
            except ValueError:
                v = v[1:-1]
        fields[k] = v
    return fields


def epoch(stamp):
    """RFC 3339 (with nanoseconds) -> seconds since the epoch."""
    m = re.match(r"(.+T\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$", stamp)
    zone = "+00:00" if m.group(3) == "Z" else m.group(3)
    return datetime.datetime.fromisoformat(m.group(1) + zone).timestamp() + float("0." + (m.group(2) or "0"))


def registry_requests(name, mark):
    reqs = []
    for line in log_since(name, mark).splitlines():
        if "http.request.uri=" not in line or "http.response.status=" not in line:
            continue
        f = logfmt(line)
        path, _, query = f["http.request.uri"].partition("?")
        reqs.append(Req(epoch(f["time"]), name, f.get("http.request.host", ""), f.get("http.request.method", ""),
                        path, query, int(f["http.response.status"])))
    return reqs


def take_marks():
    marks = {n: log_mark(n) for n in (*REGISTRIES, "tinyproxy-file")}
    marks.update(down=DOWN_L.mark(), trap=TRAP.mark(), front=FRONT.mark())
    return marks


def observed(marks):
    """Every request the registries and listeners saw since marks, in time order."""
    reqs = [r for n in REGISTRIES for r in registry_requests(n, marks[n])]
    reqs += DOWN_L.since(marks["down"]) + TRAP.since(marks["trap"])
    return sorted(reqs, key=lambda r: r.t)


def refused_handshakes(marks):
    """Failed TLS handshakes since marks, by port: requests that never got as far as HTTP."""
    out = {port: log_since(n, marks[n]).count("http: TLS handshake error") for n, port in REGISTRIES.items()}
    out[UPSTREAM] = TRAP.refused - marks["trap"][2]
    return out


def seen(marks, source, path_part, method=None):
    """Requests `source` saw since marks whose path?query contains path_part."""
    return [r for r in observed(marks) if r.source == source and path_part in f"{r.path}?{r.query}"
            and (method is None or r.method == method)]


def served(reqs):
    return any(200 <= r.status < 300 for r in reqs)


# --- images ------------------------------------------------------------------

def _request(port, method, path, body=None, headers=None, tls=False):
    if tls:
        ctx = ssl.create_default_context(cafile=os.path.join(WORK, "pki", "ca.crt"))
        # The certificate is for tls.test; we connect to 127.0.0.1.
        ctx.check_hostname = False
        conn = http.client.HTTPSConnection("127.0.0.1", port, context=ctx, timeout=10)
    else:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request(method, path, body=body, headers=headers or {})
    r = conn.getresponse()
    data = r.read()
    return r.status, dict(r.getheaders()), data


def push_image(port, repo, tag, text, tls=False):
    """Builds a one-layer OCI image by hand and pushes it with the registry
    HTTP API. Returns the manifest digest."""
    layer_tar = io.BytesIO()
    with tarfile.open(fileobj=layer_tar, mode="w") as t:
        data = text.encode()
        info = tarfile.TarInfo("hello.txt")
        info.size = len(data)
        info.mtime = 1767225600
        t.addfile(info, io.BytesIO(data))
    raw = layer_tar.getvalue()
    layer = gzip.compress(raw, mtime=0)
    config = json.dumps({
        "architecture": "amd64", "os": "linux",
        "config": {"Cmd": ["/hello"]},
        "rootfs": {"type": "layers", "diff_ids": ["sha256:" + hashlib.sha256(raw).hexdigest()]},
    }).encode()

    def blob(data):
        digest = "sha256:" + hashlib.sha256(data).hexdigest()
        status, headers, _ = _request(port, "POST", f"/v2/{repo}/blobs/uploads/", tls=tls)
        assert status == 202, status
        loc = headers["Location"]
        loc = loc.split("://", 1)[-1]
        loc = loc[loc.index("/"):]
        sep = "&" if "?" in loc else "?"
        status, _, body = _request(port, "PUT", f"{loc}{sep}digest={digest}", body=data,
                                   headers={"Content-Type": "application/octet-stream"}, tls=tls)
        assert status == 201, (status, body)
        return digest, len(data)

    cd, cs = blob(config)
    ld, ls = blob(layer)
    manifest = json.dumps({
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": cd, "size": cs},
        "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": ld, "size": ls}],
    }).encode()
    status, _, body = _request(port, "PUT", f"/v2/{repo}/manifests/{tag}", body=manifest,
                               headers={"Content-Type": "application/vnd.oci.image.manifest.v1+json"}, tls=tls)
    assert status == 201, (status, body)
    return "sha256:" + hashlib.sha256(manifest).hexdigest()


# --- containerd over gRPC (hand-encoded protobuf) ---------------------------

def _varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


def _field(num, payload):
    return _varint(num << 3 | 2) + _varint(len(payload)) + payload


def _fields(data):
    """(field number, wire type, value) of a protobuf message."""
    i = 0
    while i < len(data):
        key, i = _read_varint(data, i)
        num, wt = key >> 3, key & 7
        if wt == 0:
            v, i = _read_varint(data, i)
        elif wt == 2:
            n, i = _read_varint(data, i)
            v, i = data[i:i + n], i + n
        elif wt == 1:
            v, i = data[i:i + 8], i + 8
        elif wt == 5:
            v, i = data[i:i + 4], i + 4
        else:
            raise ValueError(wt)
        yield num, wt, v


def _read_varint(data, i):
    shift = n = 0
    while True:
        b = data[i]
        i += 1
        n |= (b & 0x7F) << shift
        shift += 7
        if not b & 0x80:
            return n, i


class Cri:
    """The CRI image and runtime services and containerd's introspection."""

    def __init__(self, sock):
        self.channel = grpc.insecure_channel("unix://" + sock)

    def call(self, method, payload, timeout=90):
        fn = self.channel.unary_unary(method, request_serializer=None, response_deserializer=None)
        return fn(payload, timeout=timeout)

    def pull(self, image):
        """PullImageRequest{image: ImageSpec{image}} -> the image ref, or the error."""
        try:
            resp = self.call("/runtime.v1.ImageService/PullImage", _field(1, _field(1, image.encode())))
            return True, next(v.decode() for n, _, v in _fields(resp) if n == 1)
        except grpc.RpcError as e:
            return False, e.details()

    def info(self):
        """StatusRequest{verbose: true} -> the info map (JSON strings)."""
        resp = self.call("/runtime.v1.RuntimeService/Status", b"\x08\x01", timeout=10)
        info = {}
        for num, _, entry in _fields(resp):
            if num == 2:
                kv = {n: v.decode() for n, _, v in _fields(entry)}
                info[kv.get(1, "")] = kv.get(2, "")
        return info

    def plugins(self):
        """Introspection.Plugins -> {"type.id": init error message or None}."""
        resp = self.call("/containerd.services.introspection.v1.Introspection/Plugins", b"", timeout=10)
        out = {}
        for num, _, plugin in _fields(resp):
            if num != 1:
                continue
            names, error = {}, None
            for n, _, v in _fields(plugin):
                if n in (1, 2):
                    names[n] = v.decode()
                elif n == 7:  # init_err: google.rpc.Status{code 1, message 2}
                    error = next((m.decode() for k, _, m in _fields(v) if k == 2), "failed")
            out[f"{names.get(1)}.{names.get(2)}"] = error
        return out

    def close(self):
        self.channel.close()


# --- systemd -----------------------------------------------------------------

SYSTEMD_ENV = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "HOME": "/nonexistent"}


def dropins(installed, unit):
    """The installed tree's drop-in directory for `unit` and the files in it."""
    src = os.path.join(installed, "etc/systemd/system", unit + ".d")
    return src, sorted(os.listdir(src)) if os.path.isdir(src) else []


def unit_dir(installed, unit, extra=None):
    """A unit directory holding a stub `unit` and the installed tree's drop-ins
    for it, plus `extra` ({file name: text}) drop-ins."""
    # In the private /run: systemd --test (as nobody) may not be able to
    # reach into WORK, whose parents belong to root.
    units = tempfile.mkdtemp(prefix="units-", dir="/run")
    units_d = os.path.join(units, unit + ".d")
    os.makedirs(units_d)
    with open(os.path.join(units, unit), "w") as f:
        f.write("[Unit]\nDescription=stub\nDefaultDependencies=no\n[Service]\nExecStart=/bin/true\n")
    src, names = dropins(installed, unit)
    for name in names:
        shutil.copy(os.path.join(src, name), units_d)
    for name, text in (extra or {}).items():
        with open(os.path.join(units_d, name), "w") as f:
            f.write(text)
    for d, _, files in os.walk(units):  # systemd --test runs as nobody
        os.chmod(d, 0o755)
        for name in files:
            os.chmod(os.path.join(d, name), 0o644)
    return units


def systemd_env(units, unit):
    """The Environment= of `unit` as systemd itself parses it (quotes, C
    escapes, `%` specifiers): the manager's test mode loads the unit and
    dumps it. It refuses to run as root, so it runs as nobody. Only `units`
    is searched, no host unit directory."""
    r = subprocess.run(["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
                        "/lib/systemd/systemd", "--test", "--system", "--no-pager", "--unit=" + unit],
                       capture_output=True, text=True, timeout=60,
                       env={**SYSTEMD_ENV, "SYSTEMD_UNIT_PATH": units, "SYSTEMD_LOG_TARGET": "console"})
    block = re.search(rf"^\t-> Unit {re.escape(unit)}:\n(.*?)(?=^\t-> Unit |\Z)", r.stdout, re.S | re.M)
    if not block:
        raise RuntimeError(f"systemd --test did not load {unit}:\n{r.stdout[-1500:]}{r.stderr[-1500:]}")
    env = {}
    for assignment in re.findall(r"^\t\tEnvironment: (.*)$", block.group(1), re.M):
        k, _, v = assignment.partition("=")
        env[k] = v
    return env


def systemd_verify(units, unit):
    """What `systemd-analyze verify` says about `unit` (it exits 0 even on
    errors: any output is a failure). Only `units` is searched."""
    r = subprocess.run(["systemd-analyze", "verify", os.path.join(units, unit)], capture_output=True, text=True,
                       env={**SYSTEMD_ENV, "SYSTEMD_UNIT_PATH": units})
    return (r.stdout + r.stderr).strip()


# --- containerd from an installed tree ---------------------------------------

class Containerd:
    """containerd started from /etc/containerd as installed (bind mount),
    with its own socket, root and state, and the environment systemd would
    give it from the installed drop-in. cri=False: do not wait for the CRI
    (a config it rejects)."""

    counter = 0

    def __init__(self, installed_root, cri=True):
        Containerd.counter += 1
        self.name = f"containerd-{Containerd.counter}"
        base = os.path.join(WORK, self.name)
        os.makedirs(base)
        self.sock = os.path.join(base, "containerd.sock")
        self.proxy_env = systemd_env(unit_dir(installed_root, "containerd.service"), "containerd.service")
        mount(os.path.join(installed_root, "etc/containerd"), "/etc/containerd", flags=MS_BIND)
        env = {"PATH": os.environ.get("PATH", "/usr/sbin:/usr/bin:/sbin:/bin"),
               "SSL_CERT_FILE": os.path.join(PKI, "public-ca.crt"), **self.proxy_env}
        self.proc = start(self.name, [
            CONTAINERD, "--config", "/etc/containerd/config.toml", "--address", self.sock,
            "--root", os.path.join(base, "root"), "--state", os.path.join(base, "state"), "--log-level", "debug",
        ], env=env)
        end = time.time() + 30
        # gRPC backs off for seconds after a failed connect: wait for the socket first.
        while not os.path.exists(self.sock) and self.proc.poll() is None and time.time() < end:
            time.sleep(0.05)
        self.cri = Cri(self.sock)
        while True:
            try:
                self.cri.plugins()
                if cri:
                    self.cri.info()
                return
            except grpc.RpcError:
                if time.time() > end or self.proc.poll() is not None:
                    self.stop()
                    raise RuntimeError(f"containerd (CRI: {cri}) did not come up:\n" + read_log(self.name)[-3000:])
                time.sleep(0.1)

    def log(self):
        return read_log(self.name)

    def environ(self):
        with open(f"/proc/{self.proc.pid}/environ", "rb") as f:
            return dict(e.decode().partition("=")[::2] for e in f.read().split(b"\0") if e)

    def stop(self):
        self.cri.close()
        stop(self.proc)
        umount("/etc/containerd")


def render_and_install(name, profile):
    """mirrorsmith render --out, then the generated install.sh --root."""
    d = os.path.join(WORK, name)
    os.makedirs(d)
    path = os.path.join(d, "profile.toml")
    with open(path, "w") as f:
        f.write(profile)
    tree = os.path.join(d, "tree")
    run([CLI, "render", path, "--out", tree])
    installed = os.path.join(d, "installed")
    out = run(["sh", os.path.join(tree, "install.sh"), "--root", installed]).stdout
    return tree, installed, out


# What containerd logs when it rejects a file - and carries on. hosts.toml:
# 1.x "failed to decode hosts.toml", 2.x names the file. config.toml: the
# CRI plugin not loading, 1.x `msg="failed to load plugin io.containerd.grpc.v1.cri"
# error="invalid plugin config: `mirrors` cannot be set when `config_path` is provided"`,
# 2.x `msg="failed to load plugin" error="invalid cri image config: ..." id=io.containerd.cri.v1.images`.
CRI_ID = r"io\.containerd\.(?:grpc\.v1\.cri|cri\.v1\.\w+)"
BAD_LOG = re.compile(
    r"failed to decode \S*hosts\.toml|invalid `host` tree"
    r"|`?mirrors`? cannot be set when `?config_path`? is provided"
    rf'|failed to load plugin {CRI_ID}|failed to load plugin"[^\n]*? id={CRI_ID}\b')
CRI_PLUGIN = re.compile(rf"{CRI_ID}$")


def cri_plugins(ctr):
    """The running daemon's CRI plugins and their init errors (introspection)."""
    return {k: e for k, e in ctr.cri.plugins().items() if CRI_PLUGIN.match(k)}


def hosts_dirs_read(log):
    """The hosts.toml directories the daemon read (debug log, on every pull)."""
    return sorted({logfmt(line).get("dir", "") for line in log.splitlines() if 'msg="loading host directory"' in line})


def config_dump(config):
    """`containerd config dump` of a config.toml: containerd's own loader,
    migration and defaults, in a separate process."""
    return tomllib.loads(run([CONTAINERD, "--config", config, "config", "dump"]).stdout)


def dumped_config_path(dump):
    plugins = dump.get("plugins", {})
    cri = plugins.get("io.containerd.cri.v1.images") or plugins.get("io.containerd.grpc.v1.cri", {})
    return cri.get("registry", {}).get("config_path")


def status_config_path(ctr):
    """configPath from the running daemon's CRI status (1.x only: the 2.x
    status carries no image config)."""
    return json.loads(ctr.cri.info().get("config", "{}")).get("registry", {}).get("configPath")


# --- the explainer against the logs ------------------------------------------

PLACEHOLDER = re.compile(r"<[^>]*>")


def predicted_requests(route):
    """The explainer's requests as dicts: resolve in order, fetch by kind of
    object ({"manifests": [...], "blobs": [...]}, hosts in order). Both shapes
    of `fetch` are read: one `blobs/<digest>` per pull host (today), or
    `manifests/<digest>` and `blobs/<digest>` on every host; with the first,
    manifests are taken to be fetched in the same host order."""
    def entry(req):
        u = urllib.parse.urlsplit(req["url"])
        h = route["hosts"][req["host"]]
        return {"authority": h["authority"], "scheme": u.scheme, "via": h["via"]["kind"],
                "method": req["method"], "path": u.path, "query": u.query}
    resolve = [entry(r) for r in route["resolve"]]
    fetch = {"manifests": [], "blobs": []}
    for r in route["fetch"]:
        e = entry(r)
        fetch["manifests" if "/manifests/" in e["path"] else "blobs"].append(e)
    if not fetch["manifests"]:
        fetch["manifests"] = [dict(e, path=re.sub(r"/blobs/(<[^>]*>)$", r"/manifests/\1", e["path"])) for e in fetch["blobs"]]
    return resolve, fetch


def describe(e):
    if isinstance(e, Req):
        e = e._asdict()
    q = "?" + e["query"] if e["query"] else ""
    status = f" -> {e['status']}" if "status" in e else ""
    return f"{e['method']} {e['authority']}{e['path']}{q}{status}"


def matches(pred, req):
    path = re.escape(pred["path"])
    for ph in set(PLACEHOLDER.findall(pred["path"])):
        path = path.replace(re.escape(ph), r"sha256:[0-9a-f]{64}")
    return (pred["authority"] == req.authority and pred["method"] == req.method and pred["query"] == req.query
            and re.fullmatch(path, req.path) is not None)


def port_of(e):
    host, _, port = e["authority"].rpartition(":")
    return int(port) if host and port.isdigit() else (443 if e["scheme"] == "https" else 80)


def follow(pred, reqs, refused):
    """Walks the requests one object got (time order) along the predicted
    hosts: each must be the next predicted one, up to the first that served
    it and none after. A predicted host not asked is fine only after an
    earlier one served. A host that refused the TLS handshake (`refused`, by
    port, consumed) counts as asked. -> (problems, the request that served)."""
    def past_refused(i, r=None):
        """Past the predicted hosts (from i) that refused a handshake, each
        consuming one, but not past one that r matches."""
        while i < len(pred) and (r is None or not matches(pred[i], r)) and refused.get(port_of(pred[i]), 0) > 0:
            refused[port_of(pred[i])] -= 1
            i += 1
        return i

    problems, i, by = [], 0, None
    for r in reqs:
        i = past_refused(i, r)
        if by:
            problems.append(f"{describe(r)}: asked after {describe(by)} had served it")
        elif i >= len(pred) or not matches(pred[i], r):
            nxt = describe(pred[i]) if i < len(pred) else "nothing more"
            problems.append(f"{describe(r)}: not predicted here (predicted next: {nxt})")
            return problems, by
        else:
            i += 1
            if 200 <= r.status < 300:
                by = r
    if not by:
        i = past_refused(i)
    if not by and i < len(pred):
        problems.append(f"{describe(pred[i])}: predicted but never asked, and no earlier host served")
    return problems, by


def collapse(reqs):
    """Requests to one host in a row (a re-read with Range) count once, as served if one was."""
    out = []
    for r in reqs:
        if out and out[-1].authority == r.authority:
            if 200 <= r.status < 300:
                out[-1] = r
            continue
        out.append(r)
    return out


def cross_check_explain(profile, image, marks, must_pull):
    """`mirrorsmith explain IMAGE PROFILE --json` against what the registries,
    the down mirror's and the upstreams' listeners and the proxy saw: the
    resolve requests (method, host, path, ns) in predicted order up to the
    first host that served, then for every object fetched (manifest, config,
    layer) the same along the predicted fetch hosts; proxy or direct per host
    as predicted. Refused TLS handshakes of the scenario are put down to this
    image (scenarios with one pull only have them)."""
    route = json.loads(run([CLI, "explain", image, profile, "--json"]).stdout)
    resolve, fetch = predicted_requests(route)
    repo = re.escape(route["repository"])
    mine = [r for r in observed(marks) if re.search(rf"/{repo}/(manifests|blobs)/[^/]+$", r.path)]
    refused = refused_handshakes(marks)
    problems, objects = [], {}
    p, resolved_by = follow(resolve, [r for r in mine if r.method == "HEAD"], refused)
    problems += ["resolve: " + x for x in p]
    for r in mine:
        if r.method == "GET":
            kind, digest = r.path.rsplit("/", 2)[-2:]
            objects.setdefault((kind, digest), []).append(r)
    fetched = set()
    for (kind, digest), reqs in objects.items():
        p, by = follow(fetch.get(kind, []), collapse(reqs), refused)
        problems += [f"fetch {kind}/{digest[:15]}: {x}" for x in p]
        if by:
            fetched.add(kind)
    for port, n in refused.items():
        if n:
            problems.append(f"{n} refused TLS handshake(s) on port {port} that no predicted request accounts for")
    plog = log_since("tinyproxy-file", marks["tinyproxy-file"])
    for e in {e["authority"]: e for e in resolve + fetch["manifests"] + fetch["blobs"]}.values():
        if not any(r.authority == e["authority"] for r in mine):
            continue
        if e["scheme"] == "http":
            proxied = f" http://{e['authority']}/" in plog
        else:
            proxied = f"CONNECT {e['authority'] if ':' in e['authority'] else e['authority'] + ':443'} " in plog
        if proxied != (e["via"] == "proxy"):
            problems.append(f"{e['authority']}: predicted {e['via']}, the proxy log says {'proxy' if proxied else 'direct'}")
    if must_pull and not (resolved_by and fetched == {"manifests", "blobs"}):
        problems.append(f"the pull was not served end to end (resolved by {resolved_by}, fetched {sorted(fetched)})")
    if not must_pull and resolved_by:
        problems.append(f"a pull that fails was resolved by {describe(resolved_by)}")
    hosts = " -> ".join(dict.fromkeys(r.authority for r in mine)) or "no host"
    check(f"explain {image}: resolve and fetch of {len(objects)} object(s) as predicted ({hosts})", not problems,
          "\n".join(problems) + "\nseen:\n" + "\n".join(describe(r) for r in mine))


# --- scenarios ---------------------------------------------------------------

def slug(title):
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def scenario(title, profile, pulls, extra=None, files=None):
    """Renders and installs `profile`, starts containerd from it, pulls each
    image (pulls: [(image, must_succeed)]), runs `extra(ctr, marks, installed)`
    and checks the explainer's prediction for each image against the logs."""
    print(f"\n# {title}", flush=True)
    name = slug(title)
    tree, installed, _ = render_and_install(name, profile)
    for src, dest in (files or {}).items():
        dest = os.path.join(installed, dest.lstrip("/"))
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        shutil.copy(src, dest)
    marks = take_marks()
    ctr = Containerd(installed)
    try:
        plugins = cri_plugins(ctr)
        check(f"{title}: the running daemon loaded its CRI plugins ({', '.join(sorted(plugins))})",
              plugins and not any(plugins.values()), plugins)
        if VERSION.startswith("1."):
            got = status_config_path(ctr)
            check(f"{title}: CRI loaded with configPath {got!r} (the running daemon's CRI status)", got == CERTS_D, got)
        for image, must in pulls:
            ok, detail = ctr.cri.pull(image)
            check(f"{title}: pull {image} {'succeeds' if must else 'fails'}", ok == must, detail)
        log = ctr.log()
        dirs = hosts_dirs_read(log)
        what = "CRI loaded with configPath" if not VERSION.startswith("1.") else "the pulls read"
        check(f"{title}: {what} {CERTS_D!r} (the running daemon's log: loading host directory {', '.join(dirs)})",
              dirs and all(d.startswith(CERTS_D + "/") for d in dirs), log[-1500:])
        if extra:
            extra(ctr, marks, installed)
        for image, must in pulls:
            cross_check_explain(os.path.join(WORK, name, "profile.toml"), image, marks, must)
        bad = BAD_LOG.findall(log)
        check(f"{title}: containerd log has no hosts.toml, mirrors or CRI plugin errors", not bad, bad)
    finally:
        ctr.stop()
    return tree, installed


def mirror_profile(host, *mirrors, extra=""):
    text = HEAD + f'[[registry]]\nhost = "{host}"\n'
    for m in mirrors:
        text += f'[[registry.mirror]]\nurl = "{m}"\n'
    return text + extra


def scenario_hub():
    """Docker Hub through a mirror; the upstream's listener (answering 404) never contacted."""
    def checks(ctr, marks, _):
        reqs = seen(marks, "mirror", "/v2/library/hello/manifests/1")
        check("docker.io via mirror: request carries ns=docker.io", any(r.query == "ns=docker.io" and r.status == 200 for r in reqs), reqs)
        reqs = seen(marks, "mirror", f"/v2/library/pinned/manifests/{DIGEST}")
        check("docker.io via mirror: a digest pull is served by the mirror too", served(reqs), reqs)
        check("docker.io via mirror: the upstream (registry-1.docker.io:443) was never contacted",
              TRAP.connections == marks["trap"][1], TRAP.since(marks["trap"]))
    return scenario("Docker Hub through a mirror, upstream never contacted",
                    "systemd_cgroup = true\n" + mirror_profile("docker.io", "http://mirror.test:5001"),
                    [("docker.io/library/hello:1", True), (f"docker.io/library/pinned@{DIGEST}", True)], checks)


def config_dump_checks(installed):
    """The generated config.toml as containerd's own loader reads it
    (`containerd config dump`): one place for the checks on it."""
    print("\n# The generated config.toml through containerd's loader (config dump)", flush=True)
    dump = config_dump(os.path.join(installed, "etc/containerd/config.toml"))
    got = dumped_config_path(dump)
    check(f"config dump: the CRI registry config_path is {got!r}", got == CERTS_D, got)
    # On 1.x a runc table without runtime_type replaces the default entry and
    # leaves it empty: pods could not start (containerd#6964).
    plugins = dump.get("plugins", {})
    cri = plugins.get("io.containerd.cri.v1.runtime") or plugins.get("io.containerd.grpc.v1.cri") or {}
    runc = cri.get("containerd", {}).get("runtimes", {}).get("runc", {})
    check("config dump: runc keeps runtime_type io.containerd.runc.v2 beside SystemdCgroup = true",
          runc.get("runtime_type") == "io.containerd.runc.v2" and runc.get("options", {}).get("SystemdCgroup") is True, runc)


def scenario_order():
    """The first mirror is down (a listener answering 503), the second serves,
    the third is never asked; an image missing on one mirror comes from the next."""
    def checks(ctr, marks, _):
        hello = [r for r in observed(marks) if r.path.startswith("/v2/library/hello/")]
        first_mirror = next((r for r in hello if r.source == "mirror"), None)
        down = [r for r in hello if r.source == "down"]
        check("order: down.test (the first mirror, answering 503) was asked first for library/hello, before mirror.test",
              hello and hello[0].source == "down" and first_mirror and down[0].t < first_mirror.t,
              [describe(r) for r in hello])
        check("order: every object of library/hello was asked from down.test first (manifest by tag and digest, blobs)",
              {(r.method, r.path.split("/")[-2]) for r in down} >= {("HEAD", "manifests"), ("GET", "manifests"), ("GET", "blobs")},
              [describe(r) for r in down])
        check("order: the second mirror served library/hello (first one down)",
              served(seen(marks, "mirror", "/v2/library/hello/manifests/1")), [describe(r) for r in hello])
        check("order: the third mirror was not asked for library/hello", not seen(marks, "mirror2", "/v2/library/hello/"),
              seen(marks, "mirror2", "/v2/library/hello/"))
        m1, m2 = seen(marks, "mirror", "/v2/library/only2/manifests/1"), seen(marks, "mirror2", "/v2/library/only2/manifests/1")
        check("fallback: library/only2 was asked from mirror.test (404) then served by mirror2.test",
              any(r.status == 404 for r in m1) and served(m2), (m1, m2))
    scenario("Mirror order and fallback",
             mirror_profile("docker.io", "http://down.test:5009", "http://mirror.test:5001", "http://mirror2.test:5002"),
             [("docker.io/library/hello:1", True), ("docker.io/library/only2:1", True)], checks)


def scenario_port_and_default():
    def checks(ctr, marks, _):
        reqs = seen(marks, "mirror", "/v2/team/app/manifests/1")
        check("host:port directory: request carries ns=registry.test%3A5000",
              any(r.query == "ns=registry.test%3A5000" and r.status == 200 for r in reqs), reqs)
        reqs = seen(marks, "mirror2", "/v2/x/y/manifests/1")
        check("_default: other.test:5004 served by the catch-all mirror with ns=other.test%3A5004",
              any(r.query == "ns=other.test%3A5004" and r.status == 200 for r in reqs), reqs)
    _, installed = scenario("Registry with a port and the _default catch-all",
                            mirror_profile("registry.test:5000", "http://mirror.test:5001")
                            + '[[registry]]\nhost = "_default"\n[[registry.mirror]]\nurl = "http://mirror2.test:5002"\n',
                            [("registry.test:5000/team/app:1", True), ("other.test:5004/x/y:1", True)], checks)
    check("host:port directory is named registry.test:5000",
          os.path.exists(os.path.join(installed, "etc/containerd/certs.d/registry.test:5000/hosts.toml")))


def scenario_prefix():
    """Prefix style (Harbor proxy-cache project): override_path keeps /v2/proj."""
    def checks(ctr, marks, _):
        reqs = seen(marks, "mirror", "/v2/proj/library/prefixed/manifests/1")
        check("prefix-style mirror: requests go to harbor.test:5001/v2/proj/library/prefixed/...?ns=docker.io",
              any(r.query == "ns=docker.io" and r.authority == "harbor.test:5001" and r.status == 200 for r in reqs), reqs)
    scenario("Prefix-style mirror with override_path",
             mirror_profile("docker.io", "http://harbor.test:5001/v2/proj", extra="override_path = true\n"),
             [("docker.io/library/prefixed:1", True)], checks)


def scenario_tls():
    """HTTPS mirror with a private CA, with skip_verify, and without either
    (the control, also with a proxy and the default mirrors_bypass)."""
    ca_dest = "/etc/containerd/certs.d/docker.io/test-ca.crt"
    tls_seen = lambda marks: seen(marks, "tls", "/v2/library/secure/manifests/1")
    scenario("HTTPS mirror with a private CA (ca)",
             mirror_profile("docker.io", "https://tls.test:5443", extra=f'ca = ["{ca_dest}"]\n'),
             [("docker.io/library/secure:1", True)],
             lambda c, m, _: check("ca: the TLS mirror served the image", served(tls_seen(m)), tls_seen(m)),
             files={os.path.join(PKI, "ca.crt"): ca_dest})
    scenario("HTTPS mirror with skip_verify",
             mirror_profile("docker.io", "https://tls.test:5443", extra="skip_verify = true\n"),
             [("docker.io/library/secure:1", True)],
             lambda c, m, _: check("skip_verify: the TLS mirror served the image", served(tls_seen(m)), tls_seen(m)))

    def control(ctr, marks, _):
        upstream = [describe(r) for r in TRAP.since(marks["trap"])]
        check("control: without ca the TLS mirror is refused (handshake) and containerd asks the upstream",
              not tls_seen(marks) and refused_handshakes(marks)[TLS] > 0
              and "HEAD registry-1.docker.io/v2/library/secure/manifests/1 -> 404" in upstream,
              (tls_seen(marks), refused_handshakes(marks), upstream))
        plog = log_since("tinyproxy-file", marks["tinyproxy-file"])
        check("mirrors_bypass (default): NO_PROXY has tls.test; the mirror is reached directly, the upstream through the proxy",
              "tls.test" in ctr.proxy_env.get("NO_PROXY", "").split(",") and "CONNECT tls.test" not in plog
              and "CONNECT registry-1.docker.io:443 " in plog, (ctr.proxy_env, plog[-1500:]))
    scenario("HTTPS mirror without the CA (control), proxy with mirrors_bypass",
             mirror_profile("docker.io", "https://tls.test:5443",
                            extra='[proxy]\nhttp = "http://proxy.test:8888"\nhttps = "http://proxy.test:8888"\n'),
             [("docker.io/library/secure:1", False)], control)


def proxy_vars(env):
    return {k: v for k, v in env.items() if k.endswith(("_PROXY", "_proxy"))}


def scenario_proxy():
    """The proxy drop-in, parsed by systemd: through tinyproxy (behind the
    recording front) with a password that needs escaping, and around it for
    NO_PROXY."""
    def checks(ctr, marks, _):
        env = ctr.proxy_env
        check("proxy: systemd parses the drop-in to the profile's values (HTTP(S)_PROXY with `%%` decoded, NO_PROXY)",
              env.get("HTTP_PROXY") == PROXY_URL and env.get("HTTPS_PROXY") == PROXY_URL
              and env.get("NO_PROXY") == "mirror2.test", env)
        want, got = proxy_vars(env), proxy_vars(ctr.environ())
        check(f"proxy: the running containerd has exactly that proxy environment (the same {', '.join(sorted(want))}, no other *_PROXY/*_proxy)",
              want and got == want, {"systemd": want, "containerd": got})
        token = base64.b64encode(f"{PROXY_USER}:{PROXY_PASSWORD}".encode()).decode()
        heads = FRONT.heads[marks["front"]:]
        check(f"proxy: the password with `%` and a space reached the proxy decoded (Proxy-Authorization of {PROXY_PASSWORD!r})",
              heads and all(f"\r\nProxy-Authorization: Basic {token}" in h for h in heads), heads)
        plog = log_since("tinyproxy-file", marks["tinyproxy-file"])
        check("proxy: the docker.io mirror request went through tinyproxy",
              "http://mirror.test:5001/v2/library/hello/manifests/1" in plog, plog[-1500:])
        check("proxy: the https mirror was reached with CONNECT through tinyproxy", "CONNECT tls.test:5443" in plog, plog[-1500:])
        check("NO_PROXY: mirror2.test was reached directly, not through tinyproxy",
              "mirror2.test" not in plog and served(seen(marks, "mirror2", "/v2/pause/manifests/3.10")), plog[-1500:])
    return scenario("Proxy drop-in and NO_PROXY",
                    HEAD + '[docker]\nengine = "<23"\n'
                    '[[registry]]\nhost = "docker.io"\n[[registry.mirror]]\nurl = "http://mirror.test:5001"\n'
                    '[[registry]]\nhost = "registry.k8s.io"\n[[registry.mirror]]\nurl = "http://mirror2.test:5002"\n'
                    '[[registry]]\nhost = "quay.io"\n[[registry.mirror]]\nurl = "https://tls.test:5443"\nskip_verify = true\n'
                    f'[proxy]\nhttp = "{PROXY_URL}"\nhttps = "{PROXY_URL}"\nno_proxy = ["mirror2.test"]\nmirrors_bypass = false\n',
                    [("docker.io/library/hello:1", True), ("registry.k8s.io/pause:3.10", True), ("quay.io/org/secure:1", True)],
                    checks)


def systemd_checks(installed):
    """systemd accepts both drop-ins as written, and says so when one line is wrong."""
    print("\n# systemd reads the drop-ins (systemd-analyze verify; no host unit directory)", flush=True)
    for unit in ("containerd.service", "docker.service"):
        src, names = dropins(installed, unit)
        out = systemd_verify(unit_dir(installed, unit), unit)
        check(f"systemd-analyze verify: the {unit} drop-in ({', '.join(names) or 'none'}) loads without a word",
              names and not out, out or f"the generated tree has no drop-in in {src}")
    env = systemd_env(unit_dir(installed, "docker.service"), "docker.service")
    check("docker.service drop-in: systemd parses HTTP(S)_PROXY to the profile's value too",
          env.get("HTTP_PROXY") == PROXY_URL and env.get("HTTPS_PROXY") == PROXY_URL, env)
    # One fault: the classic one, a `%` not doubled.
    bad = {"zz-broken.conf": f'[Service]\nEnvironment="ALL_PROXY={PROXY_URL}"\n'}
    units = unit_dir(installed, "containerd.service", bad)
    out = systemd_verify(units, "containerd.service")
    env = systemd_env(units, "containerd.service")
    check("control: one Environment= line with an undoubled `%` makes systemd-analyze speak, and systemd drops it",
          "zz-broken.conf" in out and "ALL_PROXY" not in env and env.get("HTTP_PROXY") == PROXY_URL, (out, env))


def install_sh_checks(tree, installed):
    print("\n# install.sh", flush=True)
    script = os.path.join(tree, "install.sh")
    r = subprocess.run(["shellcheck", "-s", "sh", script], capture_output=True, text=True)
    check("install.sh passes shellcheck", r.returncode == 0, r.stdout)
    fresh = os.path.join(WORK, "dry-run-root")
    r = subprocess.run(["sh", script, "--root", fresh, "--dry-run"], capture_output=True, text=True)
    check("install.sh --dry-run lists what it would create and creates nothing",
          r.returncode == 0 and "would create /etc/containerd/config.toml" in r.stdout and not os.path.exists(fresh), r.stdout + r.stderr)
    r = subprocess.run(["sh", script, "--root", installed], capture_output=True, text=True)
    check("install.sh a second time changes nothing", r.returncode == 0 and "wrote " not in r.stdout and "0 file(s) changed" in r.stdout, r.stdout)


def import_codes(*args):
    r = subprocess.run([CLI, "import", *args, "--json"], capture_output=True, text=True)
    return r.returncode, [f["code"] for f in json.loads(r.stdout or "{}").get("findings", [])]


def broken_tree(name, profile):
    """The installed tree of `profile`, to be broken by hand."""
    return render_and_install(name, profile)[1]


def edit(path, old, new):
    with open(path) as f:
        text = f.read()
    assert old in text, (path, old)
    with open(path, "w") as f:
        f.write(text.replace(old, new))


def broken_capability():
    installed = broken_tree("broken-capability", mirror_profile("docker.io", "http://mirror.test:5001"))
    certs = os.path.join(installed, "etc/containerd/certs.d")
    rc, codes = import_codes("--hosts-dir", certs)
    check("control: mirrorsmith import of the hosts.toml as generated exits 0 without MS610", rc == 0 and "MS610" not in codes, (rc, codes))
    edit(os.path.join(certs, "docker.io/hosts.toml"), 'capabilities = ["pull", "resolve"]', 'capabilities = ["pul", "resolve"]')
    marks = take_marks()
    ctr = Containerd(installed)
    try:
        ok, detail = ctr.cri.pull("docker.io/library/hello:1")
        log = ctr.log()
    finally:
        ctr.stop()
    upstream = [describe(r) for r in TRAP.since(marks["trap"])]
    check("typo in a capability: containerd does not use the mirror but the upstream (and does not say why in the pull result)",
          not seen(marks, "mirror", "/v2/library/hello/") and "HEAD registry-1.docker.io/v2/library/hello/manifests/1 -> 404" in upstream,
          (ok, detail, upstream))
    check("typo in a capability: containerd only logs it (failed to decode hosts.toml)",
          BAD_LOG.search(log) and "unknown capability" in log, log[-2000:])
    rc, codes = import_codes("--hosts-dir", certs)
    check("typo in a capability: mirrorsmith import reports MS610 and exits 1", rc == 1 and "MS610" in codes, (rc, codes))


def broken_version():
    """A config whose CRI keys the daemon does not read: version 3 keys for a
    1.x daemon, or version 2 keys under a version = 3 header for 2.x."""
    other = "2.1" if VERSION.startswith("1.") else "1.7"
    installed = broken_tree("broken-version", mirror_profile("docker.io", "http://mirror.test:5001").replace(VERSION, other, 1))
    config = os.path.join(installed, "etc/containerd/config.toml")
    right = broken_tree("right-version", mirror_profile("docker.io", "http://mirror.test:5001"))
    rc, codes = import_codes(os.path.join(right, "etc/containerd/config.toml"), "--containerd", VERSION)
    check(f"control: mirrorsmith import of the config.toml generated for {VERSION} exits 0 without MS602/MS603",
          rc == 0 and not {"MS602", "MS603"} & set(codes), (rc, codes))
    if not VERSION.startswith("1."):
        edit(config, "version = 2", "version = 3")
    # What the daemon uses when it reads no config_path of ours.
    default = dumped_config_path(tomllib.loads(run([CONTAINERD, "config", "default"]).stdout))
    marks = take_marks()
    ctr = Containerd(installed)
    try:
        # 1.x: the running CRI's status; 2.x has none, so containerd's loader.
        got = status_config_path(ctr) if VERSION.startswith("1.") else dumped_config_path(config_dump("/etc/containerd/config.toml"))
        ok, detail = ctr.cri.pull("docker.io/library/hello:1")
    finally:
        ctr.stop()
    check(f"keys for the wrong config version: containerd {VERSION} starts with config_path {got!r}, "
          f"its own default (containerd config default), not {CERTS_D!r}",
          default is not None and default != CERTS_D and got == default, {"in effect": got, "default": default})
    upstream = [describe(r) for r in TRAP.since(marks["trap"])]
    check("keys for the wrong config version: a pull through the running daemon does not use the mirror but the upstream",
          not ok and not seen(marks, "mirror", "/v2/library/hello/")
          and "HEAD registry-1.docker.io/v2/library/hello/manifests/1 -> 404" in upstream,
          (ok, detail, upstream, seen(marks, "mirror", "/v2/library/hello/")))
    rc, codes = import_codes(config, "--containerd", VERSION)
    check("keys for the wrong config version: mirrorsmith import reports it (MS602/MS603) and exits 1",
          rc == 1 and ("MS603" in codes or "MS602" in codes), (rc, codes))


def broken_mirrors_beside_config_path():
    """Legacy `mirrors` next to config_path: the CRI plugin does not load
    (containerd#5306) and containerd says so only in its log."""
    installed = broken_tree("broken-mirrors", mirror_profile("docker.io", "http://mirror.test:5001"))
    config = os.path.join(installed, "etc/containerd/config.toml")
    rc, codes = import_codes(config, "--containerd", VERSION)
    check("control: mirrorsmith import of the generated config.toml exits 0 without MS605", rc == 0 and "MS605" not in codes, (rc, codes))
    plugin = "io.containerd.grpc.v1.cri" if VERSION.startswith("1.") else "io.containerd.cri.v1.images"
    with open(config, "a") as f:
        f.write(f'\n[plugins."{plugin}".registry.mirrors."docker.io"]\nendpoint = ["http://mirror.test:5001"]\n')
    ctr = Containerd(installed, cri=False)
    try:
        plugins = cri_plugins(ctr)
        log = ctr.log()
    finally:
        ctr.stop()
    failed = {k: e for k, e in plugins.items() if e}
    check(f"mirrors beside config_path: containerd {VERSION} runs, its CRI plugin {plugin} did not load",
          failed.get(plugin) and "cannot be set" in failed[plugin], plugins)
    bad = BAD_LOG.findall(log)
    check("mirrors beside config_path: the log-error regex matches what containerd logged", any("cannot be set" in b for b in bad)
          and any("failed to load plugin" in b for b in bad), [l for l in log.splitlines() if "failed to load plugin" in l][:3])
    rc, codes = import_codes(config, "--containerd", VERSION)
    check("mirrors beside config_path: mirrorsmith import reports MS605 and exits 1", rc == 1 and "MS605" in codes, (rc, codes))


# --- main --------------------------------------------------------------------

HEAD = PKI = TRAP = DOWN_L = FRONT = DIGEST = None


def main():
    global VERSION, HEAD, PKI, TRAP, DOWN_L, FRONT, DIGEST
    says = run([CONTAINERD, "--version"]).stdout.strip()
    if not check(f"{CONTAINERD} is containerd {CONTAINERD_EXPECT} (--version: {says})",
                 re.search(rf"\sv?{re.escape(CONTAINERD_EXPECT)}(?![.\d])", says), f"run.sh expects {CONTAINERD_EXPECT}"):
        return
    VERSION = containerd_version()
    print(f"{says} -> profiles for {VERSION}")
    HEAD = f'[containerd]\nversion = "{VERSION}"\n'
    setup_namespace()
    PKI = make_pki()
    start_registry("mirror", MIRROR)
    start_registry("mirror2", MIRROR2)
    start_registry("tls", TLS, PKI)
    start_proxy()
    FRONT = ProxyFront()
    DOWN_L = Listener("down", DOWN, 503)
    public = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    public.load_cert_chain(os.path.join(PKI, "upstream.crt"), os.path.join(PKI, "upstream.key"))
    TRAP = Listener("upstream", UPSTREAM, 404, tls=public)

    push_image(MIRROR, "library/hello", "1", "hello from the mirror")
    DIGEST = push_image(MIRROR, "library/pinned", "1", "pinned by digest")
    push_image(MIRROR2, "library/hello", "1", "hello from mirror2: must not be used while mirror answers")
    push_image(MIRROR2, "library/only2", "1", "only on mirror2")
    push_image(MIRROR, "team/app", "1", "a team app on a registry with a port")
    push_image(MIRROR2, "x/y", "1", "any registry through _default")
    push_image(MIRROR, "proj/library/prefixed", "1", "a Harbor-style project path")
    push_image(MIRROR2, "pause", "3.10", "pause through mirror2, not proxied")
    push_image(TLS, "library/secure", "1", "over TLS with a private CA", tls=True)
    push_image(TLS, "org/secure", "1", "over TLS through the proxy", tls=True)

    _, installed = scenario_hub()
    config_dump_checks(installed)
    scenario_order()
    scenario_port_and_default()
    scenario_prefix()
    scenario_tls()
    tree, installed = scenario_proxy()
    systemd_checks(installed)
    install_sh_checks(tree, installed)

    print("\n# Broken files: containerd carries on without a word in the pull result; mirrorsmith import catches them", flush=True)
    broken_capability()
    broken_version()
    broken_mirrors_beside_config_path()


def summary(code):
    passed = sum(RESULTS)
    failed = len(RESULTS) - passed + (1 if code else 0)  # a crash or a kill counts as one
    line = f"{passed} passed, {failed} failed"
    print("\n" + line, flush=True)
    if os.environ.get("MIRRORSMITH_SUMMARY"):
        with open(os.environ["MIRRORSMITH_SUMMARY"], "w") as f:
            f.write(line + "\n")
    return 1 if failed else 0


if __name__ == "__main__":
    why = isolation_problem()
    if why:
        print(f"suite.py: refusing to run: {why}.\nIt makes / rprivate and mounts over /run, /etc and /opt of the mount "
              "namespace it is in: run it with `sh tests/runtime/run.sh`, which starts it in namespaces of its own.", file=sys.stderr)
        sys.exit(2)
    for s in STOP_SIGNALS:
        signal.signal(s, on_signal)
    code = 0
    try:
        main()
    except SystemExit as e:  # a signal (on_signal)
        code = e.code
    except Exception:  # a crash is a failure with its reason printed
        import traceback
        traceback.print_exc()
        code = 1
    finally:
        STOPPING = True
        cleanup()
    status = summary(code)
    sys.exit(code if code else status)
