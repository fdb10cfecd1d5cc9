#!/usr/bin/env python3
"""measure.py: load each bench page with wrk and print one table (run by bench.sh).

For every page it saves gazette's bytes once as a static file (the "static
twin", served by the same nginx), then runs wrk against gazette and against
the twin. Server CPU per request comes from /proc: utime+stime of nginx
(master and workers) and of gazette (parent and workers), read before and
after each wrk run, divided by the requests wrk completed. The client (wrk)
shares the machine and is not counted.

  measure.py --port P --run RUNDIR --pages PAGES.tsv --title T --json OUT
             [--static-from EARLIER.json]   (reuse static figures: cache table)
"""
import argparse
import json
import os
import re
import subprocess
import sys
import urllib.request

TICK = os.sysconf("SC_CLK_TCK")


def children(ppid):
    out = []
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == ppid:
                out.append(int(d))
    return out


def server_pids(run):
    pids = {}
    for name in ("nginx.master.pid", "gazette.pid"):
        with open(os.path.join(run, name)) as f:
            parent = int(f.read())
        pids[name] = [parent] + children(parent)
    return pids


def cpu_ticks(pids):
    total = 0
    for pid in pids:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


UNIT = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def ms(text):
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    return float(m.group(1)) * UNIT[m.group(2)]


def wrk(url, args):
    cmd = ["wrk", f"-t{args.threads}", f"-c{args.conns}", f"-d{args.duration}s",
           "--timeout", "10s", "--latency", url]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    lat = dict(re.findall(r"^\s+(50|99)%\s+(\S+)$", out, re.M))
    errors = sum(int(x) for x in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        # No latency lines when no request finished within --timeout.
        "p50": ms(lat["50"]) if "50" in lat else float("nan"),
        "p99": ms(lat["99"]) if "99" in lat else float("nan"),
        "errors": errors + (int(non2xx.group(1)) if non2xx else 0),
    }


def measure(url, args):
    before_pids = server_pids(args.run)
    pids = [p for group in before_pids.values() for p in group]
    t0 = cpu_ticks(pids)
    r = wrk(url, args)
    if server_pids(args.run) != before_pids:
        print(f"warning: a server process changed during {url}; CPU figure is partial",
              file=sys.stderr)
        pids = [p for p in pids if os.path.exists(f"/proc/{p}")]
    r["cpu_ms"] = (cpu_ticks(pids) - t0) * 1000.0 / TICK / max(r["requests"], 1)
    workers = before_pids["gazette.pid"][1:]
    r["rss_mib"] = max(rss_kib(p) for p in workers) / 1024.0 if workers else 0.0
    return r


def fetch(url, cache_status=None):
    with urllib.request.urlopen(url, timeout=60) as resp:
        if resp.status != 200:
            raise SystemExit(f"{url} answered {resp.status}")
        if cache_status is not None:    # nginx's X-Cache (SITE_CACHE=1 only)
            cache_status.append(resp.headers.get("X-Cache", "-"))
        return resp.read()


def main():
    ap = argparse.ArgumentParser()
    for a in ("--port", "--run", "--pages", "--title", "--json"):
        ap.add_argument(a, required=True)
    ap.add_argument("--static-from")
    ap.add_argument("--duration", type=int, default=5)
    ap.add_argument("--conns", type=int, default=32)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    base = f"http://127.0.0.1:{args.port}"
    twin_dir = os.path.join(args.run, "twin")
    os.makedirs(twin_dir, exist_ok=True)
    earlier = None
    if args.static_from:
        with open(args.static_from) as f:
            earlier = {row["name"]: row for row in json.load(f)}

    rows = []
    with open(args.pages) as f:
        pages = [line.rstrip("\n").split("\t") for line in f if line.strip()]
    for name, path in pages:
        url = base + path
        cache = []
        fetch(url)                      # warm: first request of a worker
        body = fetch(url, cache)
        ext = "xml" if path.endswith(".xml") else "html"
        with open(os.path.join(twin_dir, f"{name}.{ext}"), "wb") as f:
            f.write(body)
        # One second of load first so both sides are measured warm.
        subprocess.run(["wrk", "-t1", "-c4", "-d1s", url], check=True, capture_output=True)
        g = measure(url, args)
        if earlier:
            s = earlier[name]["static"]
        else:
            twin = f"{base}/static-twin/{name}.{ext}"
            if fetch(twin) != body:
                raise SystemExit(f"the static twin of {path} differs from gazette's page")
            subprocess.run(["wrk", "-t1", "-c4", "-d1s", twin], check=True, capture_output=True)
            s = measure(twin, args)
        rows.append({"name": name, "path": path, "bytes": len(body), "gazette": g, "static": s})
        print(f"  measured {name}: {g['rps']:.0f} req/s (static {s['rps']:.0f}),"
              f" X-Cache before the run: {cache[0]}",
              file=sys.stderr, flush=True)
    with open(args.json, "w") as f:
        json.dump(rows, f, indent=1)

    print()
    print(args.title)
    head = ("page", "path", "bytes", "served", "req/s", "p50 ms", "p99 ms",
            "CPU ms/req", "worker RSS MiB", "gazette/static", "errors")
    lines = []
    for r in rows:
        for kind in ("gazette", "static"):
            m = r[kind]
            lines.append((r["name"] if kind == "gazette" else "",
                          r["path"] if kind == "gazette" else "",
                          str(r["bytes"]) if kind == "gazette" else "",
                          kind + (" (run 1)" if kind == "static" and earlier else ""),
                          f"{m['rps']:.0f}", f"{m['p50']:.2f}", f"{m['p99']:.2f}",
                          f"{m['cpu_ms']:.3f}",
                          f"{m['rss_mib']:.1f}" if kind == "gazette" else "",
                          f"{r['gazette']['rps'] / r['static']['rps']:.2f}"
                          if kind == "gazette" else "",
                          str(m["errors"])))
    width = [max(len(x) for x in col) for col in zip(head, *lines)]
    fmt = lambda cells: "  ".join(c.ljust(w) if i < 4 else c.rjust(w)
                                  for i, (c, w) in enumerate(zip(cells, width))).rstrip()
    print(fmt(head))
    print(fmt(["-" * w for w in width]))
    for line in lines:
        print(fmt(line))


if __name__ == "__main__":
    main()
