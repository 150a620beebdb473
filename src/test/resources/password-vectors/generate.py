#!/usr/bin/python3
"""Generates passlib-vectors.json: password hashes made by the real passlib 1.7.4 + argon2-cffi,
the stack of the FastAPI app this service replaces.

Run with Debian's interpreter after `apt-get install python3-passlib python3-argon2 python3-bcrypt`:

    /usr/bin/python3 src/test/resources/password-vectors/generate.py \
        > src/test/resources/password-vectors/passlib-vectors.json

Two kinds of vectors:
- "verify": hashes with random salts; the service must accept the right password and reject a wrong one.
- "exact": hashes made with a fixed salt; the service, given the same salt and parameters, must produce
  the very same PHC string, which proves passlib verifies what the service writes (byte compatibility).
"""
import base64
import json
import sys

import argon2
import passlib
from argon2.low_level import Type, hash_secret
from passlib.hash import argon2 as passlib_argon2
from passlib.hash import bcrypt as passlib_bcrypt

PASSWORDS = [
    "secret123",
    "correct horse battery staple",
    "pässwörd-ÜnïcØdé-密码-🔑",
    "  leading and trailing spaces  ",
    "x" * 1024,
]
WRONG = "not-the-password"


def verify_vectors():
    out = []
    # passlib's defaults, exactly what the FastAPI app stored: argon2id m=102400 t=2 p=8, 16-byte digest
    for pw in PASSWORDS:
        out.append({"scheme": "passlib-default", "password": pw, "hash": passlib_argon2.hash(pw)})
    # argon2i, and argon2id at other parameters and digest lengths
    variants = [
        ("argon2i", passlib_argon2.using(type="I", memory_cost=8192, time_cost=3, parallelism=2)),
        ("argon2id-m4096-t1-p1-d64", passlib_argon2.using(memory_cost=4096, time_cost=1, parallelism=1, digest_size=64)),
        ("argon2id-owasp", passlib_argon2.using(memory_cost=19456, time_cost=2, parallelism=1, digest_size=32)),
        ("argon2id-salt8", passlib_argon2.using(memory_cost=1024, time_cost=2, parallelism=1, salt_size=8)),
    ]
    for name, handler in variants:
        for pw in PASSWORDS[:3]:
            out.append({"scheme": name, "password": pw, "hash": handler.hash(pw)})
    # version 0x10 (argon2 1.0), still readable by argon2-cffi
    salt = b"legacy-v16-salt!"
    for pw in PASSWORDS[:2]:
        h = hash_secret(pw.encode(), salt, time_cost=2, memory_cost=4096, parallelism=1,
                        hash_len=16, type=Type.ID, version=0x10).decode()
        assert passlib_argon2.verify(pw, h)
        out.append({"scheme": "argon2id-v16", "password": pw, "hash": h})
    # bcrypt in the three idents imported legacy accounts may carry
    for ident in ("2a", "2b", "2y"):
        for pw in PASSWORDS[:3]:
            out.append({"scheme": "bcrypt-" + ident, "password": pw,
                        "hash": passlib_bcrypt.using(ident=ident, rounds=5).hash(pw)})
    for v in out:
        assert passlib.hash.argon2.verify(v["password"], v["hash"]) if v["hash"].startswith("$argon2") \
            else passlib_bcrypt.verify(v["password"], v["hash"])
        v["wrongPassword"] = WRONG
    return out


def exact_vectors():
    out = []
    settings = [
        # the service's defaults (OWASP): argon2id m=19456 t=2 p=1, 16-byte salt, 32-byte digest
        {"type": "argon2id", "m": 19456, "t": 2, "p": 1, "hashLength": 32},
        # passlib's defaults
        {"type": "argon2id", "m": 102400, "t": 2, "p": 8, "hashLength": 16},
        {"type": "argon2i", "m": 8192, "t": 3, "p": 2, "hashLength": 24},
    ]
    salts = [bytes(range(16)), b"0123456789abcdef", bytes([0xFF] * 16)]
    for s, salt in zip(settings, salts):
        # passlib's 100 MiB default is slow to verify in pure Java: three passwords are enough there
        for pw in PASSWORDS if s["m"] < 102400 else PASSWORDS[:3]:
            handler = passlib_argon2.using(type={"argon2id": "ID", "argon2i": "I"}[s["type"]],
                                           memory_cost=s["m"], time_cost=s["t"], parallelism=s["p"],
                                           digest_size=s["hashLength"], salt=salt)
            h = handler.hash(pw)
            assert h.startswith("$" + s["type"] + "$v=19$"), h
            out.append(dict(s, password=pw, saltBase64=base64.b64encode(salt).decode(), hash=h))
    return out


json.dump({
    "generator": "passlib %s, argon2-cffi %s, Python %s" % (passlib.__version__, argon2.__version__,
                                                             sys.version.split()[0]),
    "verify": verify_vectors(),
    "exact": exact_vectors(),
}, sys.stdout, indent=2, ensure_ascii=False)
sys.stdout.write("\n")
