import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CliOutput } from '../src/cli/cli-output.js';

/** A stream that records each write call, tagged with its name, in one log shared by stdout and stderr. */
function recorder(name: string, log: string[]): Writable {
	return new Writable({
		write(chunk: Buffer, _encoding, done) {
			log.push(`${name}:${chunk.toString()}`);
			done();
		},
	});
}

function output(log: string[]): CliOutput {
	const io = { env: {}, stdin: new PassThrough(), stdout: recorder('out', log), stderr: recorder('err', log) };
	return new CliOutput(io, ['s3cret']);
}

describe('CliOutput', () => {
	it('gathers the lines of one event-loop turn into one write, in order across stdout and stderr', async () => {
		const log: string[] = [];
		const cli = output(log);
		cli.out('a\n');
		cli.out('b\n');
		cli.err('c\n');
		cli.out('d s3cret\n');
		expect(log).toEqual(['out:a\nb\n', 'err:c\n']);
		await new Promise((resolve) => setImmediate(resolve));
		expect(log).toEqual(['out:a\nb\n', 'err:c\n', 'out:d ***\n']);
	});

	it('writes what waits before data and before a long text, and on flush()', async () => {
		const log: string[] = [];
		const cli = output(log);
		cli.out('line\n');
		await cli.data('DATA');
		cli.err('note\n');
		const long = 'x'.repeat(70_000);
		cli.outData(long);
		cli.out('last\n');
		cli.flush();
		expect(log).toEqual(['out:line\n', 'out:DATA', 'err:note\n', `out:${long}`, 'out:last\n']);
	});
});
