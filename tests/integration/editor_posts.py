"""editor_posts.py: an editor posting, editing and deleting articles with
photos over HTTP, as a browser sends the admin's forms, for suites that
need real writes while they test something else (faults, backups); and
WRK_SCRIPT, the wrk script that loads readers' pages meanwhile. It holds
no test cases, so suites share it rather than importing one another."""

import hashlib
import random
import struct
import zlib

import harness

# --- the photos -----------------------------------------------------------

def png(seed, pad=0):
    """A valid 1x1 PNG whose bytes depend on SEED, with PAD bytes of random
    data after its end (still recognised as a PNG) to make it larger."""
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data +
                struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff))
    pixel = b"\x00" + bytes([seed & 255, (seed >> 8) & 255, (seed >> 16) & 255])
    return (b"\x89PNG\r\n\x1a\n" +
            chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(pixel)) + chunk(b"IEND", b"") +
            random.Random(seed).randbytes(pad))


def media_name(data):
    """The name media_store.c gives DATA: BLAKE2b-128 of it, in hex."""
    return hashlib.blake2b(data, digest_size=16).hexdigest() + ".png"


# --- the editor's forms -----------------------------------------------------

_sections = {}      # database path -> id of its Activities section


def section_id(s):
    """The id of site S's Activities section, asked once per database."""
    if s.db not in _sections:
        _sections[s.db] = s.query("SELECT id FROM section WHERE title = 'Activities'")[0][0]
    return _sections[s.db]


def article(s, title, body, author="Editor desk", date="2033-03-03", alt=""):
    """The editor's fields for a new published article in Activities."""
    return {"title": title, "author": author, "source": "", "published_on": date,
            "section": str(section_id(s)), "body": body, "status": "published",
            "photo_alt": alt, "action": "save"}


def post(s, b, path, token, values, photo=None):
    """POSTs the editor form (new or edit, by PATH) as a browser does:
    multipart, with the file field empty when PHOTO, a (filename, bytes),
    is None. TOKEN is the session's CSRF token."""
    order = ("title", "author", "source", "published_on", "section", "body", "status")
    fields = [("csrf_token", token)] + [(k, values[k]) for k in order]
    fields.append(("photo", photo if photo else ("", b"")))
    fields += [("photo_alt", values["photo_alt"]), ("action", values["action"])]
    ctype, data = harness.multipart(fields)
    return b.request("POST", path, {"Content-Type": ctype, "Origin": s.origin()}, data)


def delete(s, b, aid, token):
    """Deletes article AID as the delete button does."""
    return b.post_form(f"/admin/articles/{aid}/delete", {"csrf_token": token},
                       {"Origin": s.origin()})


def csrf(b):
    """Browser B's CSRF token, read from the admin's article list."""
    r = b.get("/admin/")
    assert r.status == 200, r.status
    return harness.csrf_of(r.body)


# --- the readers' load --------------------------------------------------------

# wrk's own report has no machine-readable error counts, so this script
# prints them as one line: the caller finds it with
# re.search(r"^WRK (\{.*\})$", out, re.M) and parses the JSON.
WRK_SCRIPT = """-- count.lua: requests the paths given after --, in turn; done() prints
-- wrk's own counts of requests and errors as one JSON line.
local paths = {"/"}
local i = 0
init = function(args)
  if #args > 0 then paths = args end
end
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRK {"requests": %d, "connect": %d, "read": %d, "write": %d, '
    .. '"status": %d, "timeout": %d}\\n', summary.requests, e.connect, e.read, e.write,
    e.status, e.timeout))
end
"""
