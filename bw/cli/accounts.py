"""``user add|list|remove``: accounts and roles; the command line acts as admin (issue 7)."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from contextlib import closing

from bw import auth, store
from bw.cli.common import EXIT_DATA_ERROR, EXIT_OK, Verbs, add_actor_option, open_existing


def add_user(verbs: Verbs) -> None:
    """``user add NAME --role ROLE``, ``user list [--json]`` and ``user remove NAME``."""
    user = verbs.add_parser("user", help="add, list or remove accounts (roles and login)")
    user_verbs = user.add_subparsers(dest="user_verb", required=True, metavar="add|list|remove")
    user_add = user_verbs.add_parser("add", help="add an account (password asked on the terminal)")
    user_add.add_argument("name", metavar="NAME", help="login name or e-mail address (OIDC)")
    user_add.add_argument(
        "--role", required=True, choices=("viewer", "analyst", "facilitator", "admin")
    )
    secret = user_add.add_mutually_exclusive_group()
    secret.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from the first line of standard input",
    )
    secret.add_argument(
        "--no-password",
        action="store_true",
        help="no password: the account logs in only through OIDC",
    )
    add_actor_option(user_add, help="who adds it")
    user_add.set_defaults(run=run_user)
    user_list = user_verbs.add_parser("list", help="every account with its role")
    user_list.add_argument("--json", action="store_true", help="print JSON records")
    user_list.set_defaults(run=run_user)
    user_remove = user_verbs.add_parser("remove", help="remove an account")
    user_remove.add_argument("name", metavar="NAME")
    add_actor_option(user_remove, help="who removes it")
    user_remove.set_defaults(run=run_user)


def _read_new_password(args: argparse.Namespace) -> str | None:
    """The new account's password: stdin's first line, or asked twice on a terminal."""
    if args.no_password:
        return None
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        raise ValueError(
            "no terminal to ask the password on; use --password-stdin or --no-password"
        )
    first = getpass.getpass(f"password for {args.name}: ")
    if getpass.getpass("again: ") != first:
        raise ValueError("the two passwords differ")
    return first


def run_user(args: argparse.Namespace) -> int:
    """``user add NAME --role ROLE``, ``user list [--json]``, ``user remove NAME``."""
    from bw import users  # hashes a dummy password with scrypt on import: ~100 ms

    if args.user_verb == "list":
        with closing(open_existing(args.db)) as con:
            accounts = users.read_users(con)
        records = [
            {
                "name": u.name,
                "role": str(u.role),
                "password": u.has_password,
                "created_at": u.created_at.isoformat(sep=" ", timespec="seconds"),
                "created_by": u.created_by,
            }
            for u in accounts
        ]
        if args.json:
            print(json.dumps(records, indent=2, ensure_ascii=False))
            return EXIT_OK
        if not records:
            print("no accounts: the app runs in lokale modus on localhost, read-only elsewhere")
        for r in records:
            login = "password" if r["password"] else "OIDC only"
            print(
                f"{r['name']:<32} {r['role']:<12} {login:<10} added {r['created_at']} "
                f"by {r['created_by']}"
            )
        return EXIT_OK
    actor = auth.cli_actor(args.by)
    try:
        password = _read_new_password(args) if args.user_verb == "add" else None
        with closing(open_existing(args.db, write=True)) as con, store.transaction(con):
            if args.user_verb == "add":
                added = users.add_user(
                    con, args.name, role=args.role, password=password, actor=actor
                )
                print(f"account {added.name} added as {added.role}")
            else:
                users.remove_user(con, args.name, actor=actor)
                print(f"account {users.normalise_name(args.name)} removed")
    except (users.UserError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_DATA_ERROR
    return EXIT_OK
