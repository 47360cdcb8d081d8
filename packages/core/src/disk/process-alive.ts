/**
 * Whether a process of this host is running: signal 0 checks without sending anything. EPERM means it
 * runs under another user (alive); ESRCH that there is none.
 */
export function processAlive(pid: number): boolean {
	if (!Number.isSafeInteger(pid) || pid <= 0) return false;
	if (pid === process.pid) return true;
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as { code?: string }).code === 'EPERM';
	}
}
