#!/usr/bin/python3
"""Runtime proof: what Mirrorsmith writes makes real containerd pull where it
should. run.sh starts this script as PID 1 of its own network, mount and PID
namespaces (`unshare --net --mount --pid --fork --kill-child --mount-proc`):

- only loopback exists; a private /etc/hosts maps every made-up name to it;
- nothing the daemons and tools write reaches the host: the work dir and /run
  are private tmpfs mounts, /etc and /opt are overlays whose upper layers live
  in the work dir, /etc/cni, /etc/nri, /opt/containerd, /opt/cni and /opt/nri
  are empty private tmpfs mounts, and each containerd gets the installed tree's
  etc/containerd bind-mounted over /etc/containerd (made in the overlay when
  the host has none);
- every process started here is stopped here, on SIGTERM, SIGINT and SIGHUP
  too; the kernel kills whatever would be left when PID 1 exits.

Each scenario renders a profile with the project's CLI, installs the tree
with the generated install.sh --root, starts containerd from those files as
written (private socket, root and state), pulls over CRI and reads the
registry, proxy and containerd logs. One line per check, then a summary.
"""

import ctypes
import gzip
import hashlib
import http.client
import io
import json
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
import tomllib

import grpc

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CLI = os.path.join(ROOT, "target", "debug", "mirrorsmith")
CONTAINERD = os.environ.get("CONTAINERD", "containerd")
KEEP_WORK = bool(os.environ.get("KEEP_WORK"))
WORK = None  # set by main(): run.sh's MIRRORSMITH_WORK, or a new dir in /tmp

# Names that resolve to 127.0.0.1 in the private /etc/hosts. Go never
# proxies loopback IPs, so every host is a made-up name.
NAMES = [
    "registry-1.docker.io", "registry.k8s.io", "quay.io", "mirror.test", "mirror2.test",
    "down.test", "registry.test", "other.test", "harbor.test", "tls.test", "proxy.test",
]
MIRROR, MIRROR2, TLS, PROXY = 5001, 5002, 5443, 8888

RESULTS = []
PROCS = []


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


def setup_namespace():
    run(["ip", "link", "set", "lo", "up"])
    mount("none", "/", flags=MS_REC | MS_PRIVATE)
    if KEEP_WORK:
        os.chmod(WORK, 0o711)
    else:
        mount("tmpfs", WORK, "tmpfs", 0, "mode=0711")
    mount("tmpfs", "/run", "tmpfs", 0, "mode=0755")
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
    for p in reversed(list(PROCS)):
        stop(p)
    if KEEP_WORK:
        print(f"logs kept in {WORK}")
        return
    if mount_type(WORK) == "tmpfs":
        umount(WORK, MNT_DETACH)
    shutil.rmtree(WORK, ignore_errors=True)


# --- TLS ---------------------------------------------------------------------

def make_ca_and_cert():
    d = os.path.join(WORK, "pki")
    os.makedirs(d)
    ossl = lambda *a: run(["openssl", *a], cwd=d)
    ossl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Mirrorsmith test CA",
         "-keyout", "ca.key", "-out", "ca.crt")
    ossl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=tls.test", "-keyout", "tls.key", "-out", "tls.csr")
    with open(os.path.join(d, "ext.cnf"), "w") as f:
        f.write("subjectAltName=DNS:tls.test\n")
    ossl("x509", "-req", "-in", "tls.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2",
         "-extfile", "ext.cnf", "-out", "tls.crt")
    return d


# --- registries, proxy, the upstream trap -----------------------------------

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


class UpstreamTrap:
    """Listens where the real upstreams would be (:443 of every made-up name)
    and records each connection: a pull that must not reach the upstream
    leaves no entry here."""

    def __init__(self):
        self.hits = 0
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 443))
        self.sock.listen(64)
        threading.Thread(target=self.loop, daemon=True).start()

    def loop(self):
        while True:
            try:
                c, _ = self.sock.accept()
            except OSError:
                return
            self.hits += 1
            c.close()


# --- images ------------------------------------------------------------------

def _request(port, method, path, body=None, headers=None, tls=False, host="127.0.0.1"):
    if tls:
        ctx = ssl.create_default_context(cafile=os.path.join(WORK, "pki", "ca.crt"))
        conn = http.client.HTTPSConnection("127.0.0.1", port, context=ctx, timeout=10)
        conn._tunnel_host = None
        # The certificate is for tls.test; check it as such.
        ctx.check_hostname = False
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


# --- CRI over gRPC (hand-encoded protobuf: two nested strings) --------------

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

    def close(self):
        self.channel.close()


# --- containerd from an installed tree ---------------------------------------

def systemd_env(path):
    """The Environment= assignments of a drop-in, unquoted as systemd does."""
    env = {}
    if not os.path.exists(path):
        return env
    for line in open(path):
        line = line.strip()
        if not line.startswith("Environment="):
            continue
        value = line[len("Environment="):]
        if value.startswith('"') and value.endswith('"'):
            value = value[1:-1]
            value = re.sub(r'\\(.)', lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), value)
        value = value.replace("%%", "%")
        k, v = value.split("=", 1)
        env[k] = v
    return env


class Containerd:
    """containerd started from /etc/containerd as installed (bind mount),
    with its own socket, root and state, and the proxy of the drop-in."""

    counter = 0

    def __init__(self, installed_root):
        Containerd.counter += 1
        self.name = f"containerd-{Containerd.counter}"
        base = os.path.join(WORK, self.name)
        os.makedirs(base)
        mount(os.path.join(installed_root, "etc/containerd"), "/etc/containerd", flags=MS_BIND)
        self.sock = os.path.join(base, "containerd.sock")
        env = {"PATH": os.environ.get("PATH", "/usr/sbin:/usr/bin:/sbin:/bin")}
        self.proxy_env = systemd_env(os.path.join(installed_root, "etc/systemd/system/containerd.service.d/http-proxy.conf"))
        env.update(self.proxy_env)
        self.proc = start(self.name, [
            CONTAINERD, "--config", "/etc/containerd/config.toml", "--address", self.sock,
            "--root", os.path.join(base, "root"), "--state", os.path.join(base, "state"), "--log-level", "debug",
        ], env=env)
        end = time.time() + 30
        while not os.path.exists(self.sock):
            if time.time() > end or self.proc.poll() is not None:
                raise RuntimeError("containerd did not start:\n" + read_log(self.name)[-3000:])
            time.sleep(0.05)
        self.cri = Cri(self.sock)
        while True:
            try:
                self.cri.info()
                break
            except grpc.RpcError:
                if time.time() > end:
                    raise RuntimeError("CRI did not come up:\n" + read_log(self.name)[-3000:])
                time.sleep(0.1)

    def log(self):
        return read_log(self.name)

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
    out = run(["sh", os.path.join(tree, "install.sh"), "--root", installed], env={**os.environ, "HOME": "/root"}).stdout
    return tree, installed, out


# 1.x says "failed to decode hosts.toml", 2.x names the file.
BAD_LOG = re.compile(r"failed to decode \S*hosts\.toml|invalid `host` tree|mirrors cannot be set|failed to load plugin io\.containerd\.(grpc\.v1\.cri|cri\.v1)")


def config_path_in_use(ctr):
    """The hosts directory containerd's CRI reads: from the CRI status on
    1.x; on 2.x (whose status has no image config) from `containerd config
    dump` of the same file, the daemon's own loader and merge."""
    config = json.loads(ctr.cri.info().get("config", "{}"))
    got = config.get("registry", {}).get("configPath")
    if got is not None:
        return got
    dump = run([CONTAINERD, "--config", "/etc/containerd/config.toml", "config", "dump"]).stdout
    images = tomllib.loads(dump).get("plugins", {}).get("io.containerd.cri.v1.images", {})
    return images.get("registry", {}).get("config_path")


def requests_of(log, path_part, method=None):
    """Registry access-log requests whose URI contains path_part, as (uri, status)."""
    hits = []
    for line in log.splitlines():
        m = re.search(r'http\.request\.uri="([^"]+)"', line)
        s = re.search(r"http\.response\.status=(\d+)", line)
        verb = re.search(r"http\.request\.method=(\w+)", line)
        if m and path_part in m.group(1) and (method is None or (verb and verb.group(1) == method)):
            hits.append((m.group(1), int(s.group(1)) if s else 0))
    return hits


# Which log shows the requests of each host (made-up name -> registry).
LOG_OF = {"mirror.test:5001": "mirror", "harbor.test:5001": "mirror", "mirror2.test:5002": "mirror2", "tls.test:5443": "tls"}


def cross_check_explain(title, profile_path, image, marks):
    """The explainer's predicted resolve requests against what the
    registries and the proxy saw: every request up to the first host that
    answered 200 was made, none after it; proxy or direct as predicted."""
    route = json.loads(run([CLI, "explain", image, profile_path, "--json"]).stdout)
    plog = log_since("tinyproxy-file", marks["tinyproxy-file"])
    served = False
    problems = []
    for req in route["resolve"]:
        host = route["hosts"][req["host"]]
        authority = host["authority"]
        name = LOG_OF.get(authority)
        uri = "/" + req["url"].split("://", 1)[1].split("/", 1)[1]
        if name is None:
            # Unreachable (down.test) or the upstream trap: nothing to read.
            continue
        seen = [st for u, st in requests_of(log_since(name, marks[name]), uri, "HEAD") if u == uri]
        if served and seen:
            problems.append(f"{uri} on {authority} was asked after an earlier host answered")
        if not served and not seen:
            problems.append(f"{uri} on {authority} was predicted but not asked")
        if seen:
            proxied = (f"http://{authority}{uri}" in plog) if req["url"].startswith("http://") else (f"CONNECT {authority}" in plog)
            if proxied != (host["via"]["kind"] == "proxy"):
                problems.append(f"{authority}: predicted {host['via']['kind']}, proxy log says {'proxy' if proxied else 'direct'}")
        served = served or 200 in seen
    check(f"explain {image}: predicted requests match the registry and proxy logs", not problems and served, problems or route["resolve"])


def scenario(title, profile, pulls, extra=None, files=None, explain=()):
    """Renders and installs `profile`, starts containerd from it, pulls each
    image, runs `extra(ctr, marks, outcomes)` and checks the explainer's
    prediction for each image of `explain`. pulls: [(image, must_succeed)]."""
    print(f"\n# {title}", flush=True)
    name = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    tree, installed, _ = render_and_install(name, profile)
    for src, dest in (files or {}).items():
        dest = os.path.join(installed, dest.lstrip("/"))
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        shutil.copy(src, dest)
    marks = {n: log_mark(n) for n in ("mirror", "mirror2", "tls", "tinyproxy-file")}
    ctr = Containerd(installed)
    try:
        got = config_path_in_use(ctr)
        check(f"{title}: CRI loaded with configPath {got!r}", got == "/etc/containerd/certs.d", got)
        outcomes = {}
        for image, must in pulls:
            ok, detail = ctr.cri.pull(image)
            outcomes[image] = (ok, detail)
            check(f"{title}: pull {image} {'succeeds' if must else 'fails'}", ok == must, detail)
        if extra:
            extra(ctr, marks, outcomes)
        for image in explain:
            cross_check_explain(title, os.path.join(WORK, name, "profile.toml"), image, marks)
        log = ctr.log()
        bad = BAD_LOG.findall(log)
        check(f"{title}: containerd log has no hosts.toml or mirrors errors", not bad, bad)
        if not VERSION.startswith("1.") and any(m for m in pulls if m[1]):
            check(f"{title}: containerd 2.x logged loading the hosts directory",
                  "loading host directory" in log and "/etc/containerd/certs.d/" in log, log[-1500:])
    finally:
        ctr.stop()
    return tree, installed


# --- the scenarios ------------------------------------------------------------

VERSION = None


def main():
    global VERSION
    version = VERSION = containerd_version()
    print(f"containerd {run([CONTAINERD, '--version']).stdout.strip()} -> profiles for {version}")
    setup_namespace()
    pki = make_ca_and_cert()
    start_registry("mirror", MIRROR)
    start_registry("mirror2", MIRROR2)
    start_registry("tls", TLS, pki)
    start_proxy()
    trap = UpstreamTrap()

    push_image(MIRROR, "library/hello", "1", "hello from the mirror")
    digest = push_image(MIRROR, "library/pinned", "1", "pinned by digest")
    push_image(MIRROR2, "library/hello", "1", "hello from mirror2: must not be used while mirror answers")
    push_image(MIRROR2, "library/only2", "1", "only on mirror2")
    push_image(MIRROR, "team/app", "1", "a team app on a registry with a port")
    push_image(MIRROR2, "x/y", "1", "any registry through _default")
    push_image(MIRROR, "proj/library/prefixed", "1", "a Harbor-style project path")
    push_image(MIRROR2, "pause", "3.10", "pause through mirror2, not proxied")
    push_image(TLS, "library/secure", "1", "over TLS with a private CA", tls=True)
    push_image(TLS, "org/secure", "1", "over TLS through the proxy", tls=True)
    ctr_head = f'[containerd]\nversion = "{version}"\n'

    # 1. Docker Hub through a mirror; the upstream never contacted.
    def hub_checks(ctr, marks, _):
        reqs = requests_of(log_since("mirror", marks["mirror"]), "/v2/library/hello/manifests/1")
        check("docker.io via mirror: request carries ns=docker.io", any("ns=docker.io" in u and s == 200 for u, s in reqs), reqs)
        reqs = requests_of(log_since("mirror", marks["mirror"]), f"/v2/library/pinned/manifests/{digest}")
        check("docker.io via mirror: a digest pull is served by the mirror too", any(s == 200 for _, s in reqs), reqs)
        check("docker.io via mirror: the upstream (registry-1.docker.io:443) was never contacted", trap.hits == 0, trap.hits)
    trap.hits = 0
    scenario("Docker Hub through a mirror, upstream unreachable",
             ctr_head + '[[registry]]\nhost = "docker.io"\n[[registry.mirror]]\nurl = "http://mirror.test:5001"\n',
             [("docker.io/library/hello:1", True), (f"docker.io/library/pinned@{digest}", True)], hub_checks,
             explain=["docker.io/library/hello:1"])

    # 2. Order and fallback: the first mirror is down, the second answers,
    # the third is never asked; an image missing on one mirror comes from the next.
    def order_checks(ctr, marks, _):
        m1 = log_since("mirror", marks["mirror"])
        m2 = log_since("mirror2", marks["mirror2"])
        check("order: the second mirror served library/hello (first one down)",
              any(s == 200 for _, s in requests_of(m1, "/v2/library/hello/manifests/1")), requests_of(m1, "hello"))
        check("order: the third mirror was not asked for library/hello", not requests_of(m2, "/v2/library/hello/"), requests_of(m2, "hello"))
        check("fallback: library/only2 was asked from mirror.test (404) then served by mirror2.test",
              any(s == 404 for _, s in requests_of(m1, "/v2/library/only2/manifests/1"))
              and any(s == 200 for _, s in requests_of(m2, "/v2/library/only2/manifests/1")),
              (requests_of(m1, "only2"), requests_of(m2, "only2")))
    scenario("Mirror order and fallback",
             ctr_head + '[[registry]]\nhost = "docker.io"\n'
             '[[registry.mirror]]\nurl = "http://down.test:5009"\n'
             '[[registry.mirror]]\nurl = "http://mirror.test:5001"\n'
             '[[registry.mirror]]\nurl = "http://mirror2.test:5002"\n',
             [("docker.io/library/hello:1", True), ("docker.io/library/only2:1", True)], order_checks,
             explain=["docker.io/library/hello:1", "docker.io/library/only2:1"])

    # 3. A registry with a port, and _default for everything else.
    def port_checks(ctr, marks, _):
        m1 = log_since("mirror", marks["mirror"])
        m2 = log_since("mirror2", marks["mirror2"])
        check("host:port directory: request carries ns=registry.test%3A5000",
              any("ns=registry.test%3A5000" in u and s == 200 for u, s in requests_of(m1, "/v2/team/app/manifests/1")),
              requests_of(m1, "team/app"))
        check("_default: other.test:5004 served by the catch-all mirror with ns=other.test%3A5004",
              any("ns=other.test%3A5004" in u and s == 200 for u, s in requests_of(m2, "/v2/x/y/manifests/1")),
              requests_of(m2, "x/y"))
    _, installed = scenario("Registry with a port and the _default catch-all",
             ctr_head + '[[registry]]\nhost = "registry.test:5000"\n[[registry.mirror]]\nurl = "http://mirror.test:5001"\n'
             '[[registry]]\nhost = "_default"\n[[registry.mirror]]\nurl = "http://mirror2.test:5002"\n',
             [("registry.test:5000/team/app:1", True), ("other.test:5004/x/y:1", True)], port_checks,
             explain=["registry.test:5000/team/app:1", "other.test:5004/x/y:1"])
    check("host:port directory is named registry.test:5000",
          os.path.exists(os.path.join(installed, "etc/containerd/certs.d/registry.test:5000/hosts.toml")))

    # 4. Prefix style (Harbor proxy-cache project): override_path keeps /v2/proj.
    def prefix_checks(ctr, marks, _):
        reqs = requests_of(log_since("mirror", marks["mirror"]), "/v2/proj/library/prefixed/manifests/1")
        check("prefix-style mirror: requests go to /v2/proj/library/prefixed/...?ns=docker.io",
              any("ns=docker.io" in u and s == 200 for u, s in reqs), reqs)
    scenario("Prefix-style mirror with override_path",
             ctr_head + '[[registry]]\nhost = "docker.io"\n[[registry.mirror]]\nurl = "http://harbor.test:5001/v2/proj"\noverride_path = true\n',
             [("docker.io/library/prefixed:1", True)], prefix_checks, explain=["docker.io/library/prefixed:1"])

    # 5. HTTPS mirror with a private CA, with skip_verify, and without either.
    ca_dest = "/etc/containerd/certs.d/docker.io/test-ca.crt"
    tls_seen = lambda marks: requests_of(log_since("tls", marks["tls"]), "/v2/library/secure/manifests/1")
    scenario("HTTPS mirror with a private CA (ca)",
             ctr_head + f'[[registry]]\nhost = "docker.io"\n[[registry.mirror]]\nurl = "https://tls.test:5443"\nca = ["{ca_dest}"]\n',
             [("docker.io/library/secure:1", True)],
             lambda c, m, o: check("ca: the TLS mirror served the image", any(s == 200 for _, s in tls_seen(m)), tls_seen(m)),
             files={os.path.join(pki, "ca.crt"): ca_dest})
    scenario("HTTPS mirror with skip_verify",
             ctr_head + '[[registry]]\nhost = "docker.io"\n[[registry.mirror]]\nurl = "https://tls.test:5443"\nskip_verify = true\n',
             [("docker.io/library/secure:1", True)],
             lambda c, m, o: check("skip_verify: the TLS mirror served the image", any(s == 200 for _, s in tls_seen(m)), tls_seen(m)))
    trap.hits = 0
    scenario("HTTPS mirror without the CA (control)",
             ctr_head + '[[registry]]\nhost = "docker.io"\n[[registry.mirror]]\nurl = "https://tls.test:5443"\n',
             [("docker.io/library/secure:1", False)],
             lambda c, m, o: check("control: without ca the mirror is refused (TLS) and containerd falls back to the upstream",
                                   not tls_seen(m) and trap.hits > 0, (tls_seen(m), trap.hits)))

    # 6. The proxy drop-in: through tinyproxy, and around it for NO_PROXY.
    def proxy_checks(ctr, marks, _):
        plog = log_since("tinyproxy-file", marks["tinyproxy-file"])
        check("proxy: containerd got HTTP(S)_PROXY and NO_PROXY from the drop-in",
              ctr.proxy_env.get("HTTP_PROXY") == "http://proxy.test:8888" and "mirror2.test" in ctr.proxy_env.get("NO_PROXY", ""),
              ctr.proxy_env)
        check("proxy: the docker.io mirror request went through tinyproxy",
              "http://mirror.test:5001/v2/library/hello/manifests/1" in plog, plog[-1500:])
        check("proxy: the https mirror was reached with CONNECT through tinyproxy", "CONNECT tls.test:5443" in plog, plog[-1500:])
        check("NO_PROXY: mirror2.test was reached directly, not through tinyproxy",
              "mirror2.test" not in plog and any(s == 200 for _, s in requests_of(log_since("mirror2", marks["mirror2"]), "/v2/pause/manifests/3.10")),
              plog[-1500:])
    tree, installed = scenario("Proxy drop-in and NO_PROXY",
             ctr_head + '[[registry]]\nhost = "docker.io"\n[[registry.mirror]]\nurl = "http://mirror.test:5001"\n'
             '[[registry]]\nhost = "registry.k8s.io"\n[[registry.mirror]]\nurl = "http://mirror2.test:5002"\n'
             '[[registry]]\nhost = "quay.io"\n[[registry.mirror]]\nurl = "https://tls.test:5443"\nskip_verify = true\n'
             '[proxy]\nhttp = "http://proxy.test:8888"\nhttps = "http://proxy.test:8888"\nno_proxy = ["mirror2.test"]\nmirrors_bypass = false\n',
             [("docker.io/library/hello:1", True), ("registry.k8s.io/pause:3.10", True), ("quay.io/org/secure:1", True)],
             proxy_checks, explain=["docker.io/library/hello:1", "registry.k8s.io/pause:3.10", "quay.io/org/secure:1"])

    # 7. systemd accepts the drop-ins (systemd-analyze exits 0 even on errors:
    # any output is a failure).
    units = os.path.join(WORK, "units")
    os.makedirs(os.path.join(units, "containerd.service.d"))
    with open(os.path.join(units, "containerd.service"), "w") as f:
        f.write("[Unit]\nDescription=test\n[Service]\nExecStart=/bin/true\n")
    shutil.copy(os.path.join(installed, "etc/systemd/system/containerd.service.d/http-proxy.conf"),
                os.path.join(units, "containerd.service.d/http-proxy.conf"))
    r = subprocess.run(["systemd-analyze", "verify", os.path.join(units, "containerd.service")],
                       capture_output=True, text=True, env={**os.environ, "SYSTEMD_UNIT_PATH": units + ":"})
    check("systemd-analyze verify: the containerd drop-in loads without a word", not (r.stdout + r.stderr).strip(), r.stdout + r.stderr)
    probe = os.path.join(units, "containerd.service.d/zz-broken.conf")
    with open(probe, "w") as f:
        f.write("[Service]\nEnvironment=\"UNCLOSED\nBogusKey=1\n")
    r = subprocess.run(["systemd-analyze", "verify", os.path.join(units, "containerd.service")],
                       capture_output=True, text=True, env={**os.environ, "SYSTEMD_UNIT_PATH": units + ":"})
    check("systemd-analyze verify: a broken drop-in does produce output (the check can fail)", (r.stdout + r.stderr).strip(), r.stdout)
    os.remove(probe)

    # 8. install.sh: shellcheck, dry run, idempotence.
    script = os.path.join(tree, "install.sh")
    r = subprocess.run(["shellcheck", "-s", "sh", script], capture_output=True, text=True)
    check("install.sh passes shellcheck", r.returncode == 0, r.stdout)
    fresh = os.path.join(WORK, "dry-run-root")
    r = subprocess.run(["sh", script, "--root", fresh, "--dry-run"], capture_output=True, text=True)
    check("install.sh --dry-run lists what it would create and creates nothing",
          r.returncode == 0 and "would create /etc/containerd/config.toml" in r.stdout and not os.path.exists(fresh), r.stdout + r.stderr)
    r = subprocess.run(["sh", script, "--root", installed], capture_output=True, text=True, env={**os.environ, "HOME": "/root"})
    check("install.sh a second time changes nothing", r.returncode == 0 and "wrote " not in r.stdout and "0 file(s) changed" in r.stdout, r.stdout)

    # 9. Deliberately broken files: containerd ignores them without failing;
    # Mirrorsmith's checks catch them before they reach a node.
    print("\n# Broken files: silently ignored by containerd, caught by mirrorsmith import", flush=True)
    d = os.path.join(WORK, "broken-capability")
    os.makedirs(d)
    profile = os.path.join(d, "profile.toml")
    with open(profile, "w") as f:
        f.write(ctr_head + '[[registry]]\nhost = "docker.io"\n[[registry.mirror]]\nurl = "http://mirror.test:5001"\n')
    run([CLI, "render", profile, "--out", os.path.join(d, "tree")])
    installed = os.path.join(d, "installed")
    run(["sh", os.path.join(d, "tree", "install.sh"), "--root", installed])
    hosts = os.path.join(installed, "etc/containerd/certs.d/docker.io/hosts.toml")
    with open(hosts) as f:
        text = f.read()
    with open(hosts, "w") as f:
        f.write(text.replace('capabilities = ["pull", "resolve"]', 'capabilities = ["pul", "resolve"]'))
    mark = log_mark("mirror")
    trap.hits = 0
    ctr = Containerd(installed)
    try:
        ok, detail = ctr.cri.pull("docker.io/library/hello:1")
        log = ctr.log()
    finally:
        ctr.stop()
    check("typo in a capability: containerd does not use the mirror (and does not say why in the pull result)",
          not requests_of(log_since("mirror", mark), "/v2/library/hello/") and trap.hits > 0, (ok, detail, trap.hits))
    check("typo in a capability: containerd only logs it (failed to decode hosts.toml) and goes to the upstream",
          BAD_LOG.search(log) and "unknown capability" in log, log[-2000:])
    r = subprocess.run([CLI, "import", "--hosts-dir", os.path.join(installed, "etc/containerd/certs.d"), "--json"], capture_output=True, text=True)
    codes = [f["code"] for f in json.loads(r.stdout or "{}").get("findings", [])]
    check("typo in a capability: mirrorsmith import reports MS610 and exits 1", r.returncode == 1 and "MS610" in codes, (r.returncode, codes))

    # A config whose CRI keys the daemon does not read: version 3 keys for a
    # 1.x daemon, or version 2 keys under a version = 3 header for 2.x.
    d = os.path.join(WORK, "broken-version")
    os.makedirs(d)
    other = "2.1" if version.startswith("1.") else "1.7"
    profile = os.path.join(d, "profile.toml")
    with open(profile, "w") as f:
        f.write(f'[containerd]\nversion = "{other}"\n[[registry]]\nhost = "docker.io"\n[[registry.mirror]]\nurl = "http://mirror.test:5001"\n')
    run([CLI, "render", profile, "--out", os.path.join(d, "tree")])
    installed = os.path.join(d, "installed")
    run(["sh", os.path.join(d, "tree", "install.sh"), "--root", installed])
    config = os.path.join(installed, "etc/containerd/config.toml")
    if not version.startswith("1."):
        with open(config) as f:
            text = f.read()
        with open(config, "w") as f:
            f.write(text.replace("version = 2", "version = 3"))
    ctr = Containerd(installed)
    try:
        got = config_path_in_use(ctr)
    finally:
        ctr.stop()
    check(f"keys for the wrong config version: containerd {version} starts but ignores config_path", not got, got)
    r = subprocess.run([CLI, "import", config, "--containerd", version, "--json"], capture_output=True, text=True)
    codes = [f["code"] for f in json.loads(r.stdout or "{}").get("findings", [])]
    check("keys for the wrong config version: mirrorsmith import reports it (MS602/MS603) and exits 1",
          r.returncode == 1 and ("MS603" in codes or "MS602" in codes), (r.returncode, codes))



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
    for s in STOP_SIGNALS:
        signal.signal(s, on_signal)
    WORK = os.environ.get("MIRRORSMITH_WORK") or tempfile.mkdtemp(prefix="mirrorsmith-runtime-")
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
