"""Stop and start the Redis of the Redis drill (scripts/drills/redis.sh), the one REDIS URL names.

    redis_control.py URL check           the URL's Redis is on this machine (loopback); print host:port
    redis_control.py URL ping            exit 0 when it answers
    redis_control.py URL remember FILE   write down how to start it again, from what it says of itself
    redis_control.py URL stop            SHUTDOWN NOSAVE
    redis_control.py URL start FILE      start it again as remembered (or with REDIS_START_COMMAND)

Redis started from a configuration file is started again from that file; one started with
command-line options (``redis-server --port 6391 --save ''``) is started again with the options
it reports (port, addresses, folder, persistence, memory limits, password). A Redis that systemd
or another supervisor runs should be started by it: set ``REDIS_START_COMMAND`` (for example
``systemctl start redis-server``).
"""

import json
import os
import shlex
import shutil
import subprocess
import sys
from urllib.parse import urlsplit

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}
# Options that a Redis started without a configuration file gets again, as it reports them.
RESTART_OPTIONS = (
    "port",
    "bind",
    "unixsocket",
    "unixsocketperm",
    "dir",
    "dbfilename",
    "logfile",
    "save",
    "appendonly",
    "appendfilename",
    "requirepass",
    "protected-mode",
    "maxmemory",
    "maxmemory-policy",
    "databases",
)
# Options whose value is a list of words that Redis takes as separate arguments.
MULTI_WORD_OPTIONS = {"bind"}


def host_and_port(url):
    parts = urlsplit(url)
    if parts.scheme not in ("redis", "rediss"):
        raise SystemExit(f"The Redis drill needs a redis:// URL, not {parts.scheme}://.")
    return parts.hostname or "localhost", parts.port or 6379


def client(url):
    import redis

    return redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=2)


def start_command(info, config):
    """The command that starts this Redis again, from its ``INFO server`` and ``CONFIG GET`` answers."""
    # Redis reports its program as the folder it was started in plus the name it was started by,
    # which is wrong when it was found on the PATH.
    executable = info.get("executable") or ""
    if not (os.path.isabs(executable) and os.access(executable, os.X_OK)):
        executable = shutil.which("redis-server") or "redis-server"
    if info.get("config_file"):
        return [executable, info["config_file"], "--daemonize", "yes"]
    command = [executable, "--daemonize", "yes"]
    for name in RESTART_OPTIONS:
        if name not in config:
            continue
        value = config[name]
        if value == "" and name != "save":
            continue
        command.append(f"--{name}")
        command.extend(value.split() if name in MULTI_WORD_OPTIONS else [value])
    return command


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) < 2:
        raise SystemExit(__doc__)
    url, action, *rest = argv
    host, port = host_and_port(url)
    if action == "check":
        if host not in LOOPBACK_HOSTS:
            raise SystemExit(
                f"The drill stops and starts Redis on this machine; {host} is not this machine (loopback)."
            )
        print(f"{host}:{port}")
        return 0
    if action == "ping":
        try:
            return 0 if client(url).ping() else 1
        except Exception:  # any error means "not answering"
            return 1
    if action == "remember":
        connection = client(url)
        info = connection.info("server")
        config = {str(key): str(value) for key, value in connection.config_get("*").items()}
        how = {"command": start_command(info, config), "config_file": info.get("config_file") or ""}
        # The command may hold Redis's password: readable by this user only.
        with open(os.open(rest[0], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w", encoding="utf-8") as file:
            json.dump(how, file)
        print(shlex.join(how["command"]))
        return 0
    if action == "stop":
        try:
            client(url).shutdown(nosave=True)
        except Exception as error:  # redis-py reports the closed connection of a successful shutdown
            if client_answers(url):
                raise SystemExit(f"Redis did not stop: {error}") from error
        return 0
    if action == "start":
        command = os.environ.get("REDIS_START_COMMAND")
        if command:
            return subprocess.run(command, shell=True, check=False).returncode  # noqa: S602 (the operator's own command)
        with open(rest[0], encoding="utf-8") as file:
            how = json.load(file)
        return subprocess.run(how["command"], check=False).returncode  # noqa: S603 (what Redis said of itself)
    raise SystemExit(f"Unknown action {action!r}.\n{__doc__}")


def client_answers(url):
    try:
        return bool(client(url).ping())
    except Exception:
        return False


if __name__ == "__main__":
    sys.exit(main())
