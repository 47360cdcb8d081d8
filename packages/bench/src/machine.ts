import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';

/** What a run was measured on. */
export interface Machine {
	date: string;
	cpus: number;
	cpuModel: string;
	/** CPUs whose flags include SHA extensions (`sha_ni` on x86, `sha2` on Arm); undefined without /proc/cpuinfo. */
	shaExtensions: number | undefined;
	node: string;
	platform: string;
	/** The system's 1-minute load average when the run started: other work on the machine stretches every figure. */
	loadAverage: number;
}

/**
 * The machine this process runs on. SHA extensions matter: they make `sha256sum` and Node's hash several times
 * faster, so ratios against a hashing anchor differ between CPUs of the same kind.
 *
 * @example describeMachine().shaExtensions // 2
 */
export function describeMachine(): Machine {
	const cpu = cpus();
	return {
		date: new Date().toISOString(),
		cpus: cpu.length,
		cpuModel: cpu[0]?.model.trim() ?? 'unknown',
		shaExtensions: countShaExtensions(),
		node: process.version,
		platform: `${process.platform}/${process.arch}`,
		loadAverage: loadavg()[0] ?? 0,
	};
}

function countShaExtensions(): number | undefined {
	try {
		return readFileSync('/proc/cpuinfo', 'utf8')
			.split('\n')
			.filter((line) => /^(flags|Features)\s*:.*\b(sha_ni|sha2)\b/.test(line)).length;
	} catch {
		return undefined;
	}
}
