/** An error thrown by a caller's callback (onItem, onNotice, onProgress): it ends the run and is rethrown as it was. */
export class CallbackFailure extends Error {
	constructor(cause: unknown) {
		super('A callback failed', { cause });
	}
}

/** The callback, with whatever it throws wrapped in a {@link CallbackFailure}. */
export function guarded<Argument>(callback: (argument: Argument) => void): (argument: Argument) => void {
	return (argument) => {
		try {
			callback(argument);
		} catch (error) {
			throw new CallbackFailure(error);
		}
	};
}
