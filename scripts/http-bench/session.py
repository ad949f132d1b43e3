#!/usr/bin/env python3
"""Signs in to a running BathroomAftersales instance like a browser and prints what wrk needs.

  session.py BASE_URL LOGIN PASSWORD [--totp-key BASE32] [--form PATH]

Prints one line, the Cookie header of the signed-in session. With --form PATH it also fetches that page's first
form in <main> and prints a second line: the urlencoded body of that form as a browser would submit it, with
Input.Description filled and Input.IdempotencyKey set to the placeholder IDEMPOTENCY_KEY (wrk replaces it).
Cookies are handled by hand: the app marks them Secure, and a benchmark talks plain HTTP to 127.0.0.1 as a
TLS-terminating proxy would (X-Forwarded-Proto: https; the app runs with ASPNETCORE_FORWARDEDHEADERS_ENABLED).
"""
import base64, hashlib, hmac, html.parser, struct, sys, time, urllib.error, urllib.parse, urllib.request


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)
COOKIES = {}


def request(base, path, data=None):
    # As behind the TLS-terminating proxy of a deployment (docs/operations.md): the app sees https.
    headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in COOKIES.items()), "X-Forwarded-Proto": "https"}
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    req = urllib.request.Request(base + path, data=body, headers=headers)
    try:
        resp = OPENER.open(req)
    except urllib.error.HTTPError as error:
        resp = error
    for header in resp.headers.get_all("Set-Cookie") or []:
        name, _, rest = header.partition("=")
        value = rest.split(";", 1)[0]
        if value:
            COOKIES[name] = value
        else:
            COOKIES.pop(name, None)
    return resp.status, resp.headers.get("Location"), resp.read().decode("utf-8", "replace")


class Forms(html.parser.HTMLParser):
    """The fields of every form: inputs (checked boxes only), selects (selected or first option), textareas."""

    def __init__(self):
        super().__init__()
        self.forms, self.current, self.select, self.textarea = [], None, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.current = {"action": a.get("action"), "fields": []}
            self.forms.append(self.current)
        elif self.current is None:
            return
        elif tag == "input" and a.get("name"):
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind not in ("submit", "button", "file"):
                self.current["fields"].append([a["name"], a.get("value") or ""])
        elif tag == "select" and a.get("name"):
            self.select = [a["name"], None, None]
        elif tag == "option" and self.select is not None:
            if self.select[2] is None:
                self.select[2] = a.get("value", "")
            if "selected" in a:
                self.select[1] = a.get("value", "")
        elif tag == "textarea" and a.get("name"):
            self.textarea = [a["name"], ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "select" and self.select is not None:
            value = self.select[1] if self.select[1] is not None else (self.select[2] or "")
            self.current["fields"].append([self.select[0], value])
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            self.current["fields"].append(self.textarea)
            self.textarea = None
        elif tag == "form":
            self.current = None


def totp(key, at=None):
    secret = base64.b32decode(key.replace(" ", "").upper() + "=" * (-len(key.replace(" ", "")) % 8))
    counter = int((at or time.time()) // 30)
    digest = hmac.new(secret, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return "%06d" % ((struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1000000)


def first_form(base, path, names):
    status, _, page = request(base, path)
    if status != 200:
        sys.exit(f"GET {path}: {status}")
    parser = Forms()
    parser.feed(page)
    for form in parser.forms:
        fields = {name for name, _ in form["fields"]}
        if all(n in fields for n in names):
            return form
    sys.exit(f"GET {path}: no form with {names}")


def main():
    args = sys.argv[1:]
    options = {args[i]: args[i + 1] for i in range(3, len(args) - 1, 2)}
    base, login, password = args[0].rstrip("/"), args[1], args[2]
    form = first_form(base, "/Account/Login", ["Input.Login", "Input.Password"])
    fields = dict(form["fields"])
    fields.update({"Input.Login": login, "Input.Password": password})
    status, location, _ = request(base, "/Account/Login", fields)
    if status != 302:
        sys.exit(f"signing in as {login}: {status}")
    if location and "LoginWith2fa" in location:
        key = options.get("--totp-key") or sys.exit(f"{login} needs a second step: give --totp-key")
        path = urllib.parse.urlparse(location)
        second = first_form(base, path.path + ("?" + path.query if path.query else ""), ["Input.Code"])
        fields = dict(second["fields"])
        fields["Input.Code"] = totp(key)
        action = urllib.parse.urlparse(second["action"] or path.path)
        status, location, _ = request(base, action.path + ("?" + action.query if action.query else ""), fields)
        if status != 302:
            sys.exit(f"second step for {login}: {status}")
    print("; ".join(f"{k}={v}" for k, v in COOKIES.items()))
    if "--form" in options:
        form = first_form(base, options["--form"], ["Input.IdempotencyKey"])
        fields = [[n, v] for n, v in form["fields"]]
        for field in fields:
            if field[0] == "Input.IdempotencyKey":
                field[1] = "IDEMPOTENCY_KEY"
            elif field[0] == "Input.Description":
                field[1] = "马桶水箱一直在漏水，冲水后水流不停，请尽快安排师傅上门检查。"
        if "Input.Description" not in {n for n, _ in fields}:
            fields.append(["Input.Description", "马桶水箱一直在漏水，冲水后水流不停，请尽快安排师傅上门检查。"])
        print(urllib.parse.urlencode([tuple(field) for field in fields]))
        # the cookies may have grown (antiforgery): print them again, last line wins
        print("; ".join(f"{k}={v}" for k, v in COOKIES.items()))


if __name__ == "__main__":
    main()
