import { type Provider, WamediaError } from '../errors/wamedia-error.js';

/**
 * A link as a URL: absolute, or relative to the gateway's server when there is one. INVALID_INPUT that
 * says which, when it is neither.
 */
export function absoluteUrl(link: string | undefined, base: URL | undefined, provider: Provider): URL {
	try {
		return new URL(link ?? '', base);
	} catch (error) {
		const relative = link !== undefined && !/^[a-z][\w+.-]*:/i.test(link);
		throw new WamediaError('INVALID_INPUT', {
			message: relative ? 'A relative media URL needs the server URL' : 'The link is not a valid URL',
			hint: relative
				? 'Configure the serverUrl so that relative media URLs can be resolved.'
				: 'Pass the link exactly as the gateway gave it.',
			provider,
			...(relative ? { details: { field: 'serverUrl' } } : {}),
			cause: error,
		});
	}
}
