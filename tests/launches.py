"""A second launch of the program, run while this process's Qt event loop keeps serving."""


def finish_while_serving(launch, qtbot) -> tuple[str, str]:
    """Wait for the subprocess `launch` (killed after 60 s) with events processed meanwhile,
    so a server in this process can answer it; its stdout and stderr."""
    try:
        qtbot.waitUntil(lambda: launch.poll() is not None, timeout=60000)
    finally:
        if launch.poll() is None:
            launch.kill()
    return launch.communicate()
