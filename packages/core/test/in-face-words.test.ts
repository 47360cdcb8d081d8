import { describe, expect, it } from 'vitest';
import { inFaceWords } from '../src/inputs/index.js';

const error = (message: string, hint: string, field?: string) => ({
	code: 'INVALID_INPUT' as const,
	message,
	hint,
	status: null,
	retryable: false,
	provider: null,
	details: field === undefined ? {} : { field },
});

describe('inFaceWords', () => {
	it('names the field and every other setting id in the face words', () => {
		const shown = inFaceWords(
			error('Invalid option maxBytes: expected a number', 'Turn on allowPrivateNetwork or fix the maxBytes option.', 'maxBytes'),
			{
				maxBytes: '--max-bytes',
				allowPrivateNetwork: '--allow-private-network',
			},
		);
		expect(shown.message).toBe('Invalid --max-bytes: expected a number');
		expect(shown.hint).toBe('Turn on --allow-private-network or fix --max-bytes.');
	});

	it('renames once: a label that contains an id stays as it is', () => {
		const shown = inFaceWords(
			error('apiTokenInstance is set but idInstance is not', 'Give idInstance and apiTokenInstance.', 'idInstance'),
			{
				apiTokenInstance: '"apiTokenInstance"',
				idInstance: '"idInstance"',
			},
		);
		expect(shown.message).toBe('"apiTokenInstance" is set but "idInstance" is not');
		expect(shown.hint).toBe('Give "idInstance" and "apiTokenInstance".');
	});

	it('leaves words that only contain an id, and settings without a label, alone', () => {
		const shown = inFaceWords(error('my-maxBytes and timeout', 'directory'), { maxBytes: 'max-bytes' });
		expect(shown.message).toBe('my-maxBytes and timeout');
		expect(shown.hint).toBe('directory');
	});

	it("renames a one-word id only where it names the setting, never inside a server's sentence", () => {
		const shown = inFaceWords(
			error(
				'Evolution has no such instance: The "shop1" instance does not exist',
				'Check instance: it is the name of the instance in the Evolution manager.',
				'instance',
			),
			{ instance: '--instance' },
		);
		expect(shown.message).toBe('Evolution has no such instance: The "shop1" instance does not exist');
		expect(shown.hint).toBe('Check --instance: it is the name of the instance in the Evolution manager.');
		const format = inFaceWords(error('Invalid format: expected file, base64', 'Set format to one of file, base64.', 'format'), {
			format: '--format',
		});
		expect(format.message).toBe('Invalid --format: expected file, base64');
		expect(format.hint).toBe('Set --format to one of file, base64.');
	});
});
