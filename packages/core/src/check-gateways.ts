import { WamediaError } from './errors/wamedia-error.js';
import { providers } from './providers/index.js';
import type { ProviderContext } from './providers/provider.js';
import type { CheckOptions, CheckResult, CheckSuccess } from './types/check.js';

/** What a check needs of the client: its checked gateway settings, a provider context, its error finisher. */
export interface CheckJob {
	configured: (name: CheckSuccess['provider']) => unknown;
	context: (signal: AbortSignal | undefined) => ProviderContext;
	finish: (error: unknown) => WamediaError;
}

/**
 * Checks every configured gateway (or the one named) with its provider's cheapest authenticated call, in the
 * order of the registry; one result per gateway, never a throw for one of them. INVALID_INPUT when there is
 * nothing to check (docs/providers.md#check).
 */
export async function checkGateways(job: CheckJob, options: CheckOptions = {}): Promise<CheckResult[]> {
	const checkable = providers.filter(
		(provider): provider is typeof provider & { name: CheckSuccess['provider'] } => provider.check !== undefined,
	);
	const named = options.provider === undefined ? undefined : checkable.find((provider) => provider.name === options.provider);
	if (options.provider !== undefined && (named === undefined || job.configured(named.name) === undefined)) {
		throw new WamediaError('INVALID_INPUT', {
			message: `${options.provider} is not configured, so there is nothing to check`,
			hint: 'Configure its credentials (Green-API: idInstance and apiTokenInstance; Multi-Session, WAHA, Evolution: serverUrl and apiKey; Meta: accessToken).',
			details: { field: 'provider' },
		});
	}
	const chosen = named === undefined ? checkable.filter((provider) => job.configured(provider.name) !== undefined) : [named];
	if (chosen.length === 0) {
		throw new WamediaError('INVALID_INPUT', {
			message: 'No gateway is configured, so there is nothing to check',
			hint: 'Configure the credentials of a gateway: Green-API idInstance and apiTokenInstance; Multi-Session, WAHA or Evolution serverUrl and apiKey; or the Meta accessToken.',
		});
	}
	const results: CheckResult[] = [];
	for (const provider of chosen) {
		const settings = job.configured(provider.name);
		const server = provider.servers(settings)[0];
		try {
			const facts = await provider.check?.(settings, job.context(options.signal));
			results.push({
				success: true,
				message: 'Ready',
				provider: provider.name,
				server: server === undefined ? '' : `${server.origin}${server.pathname.replace(/\/+$/, '')}`,
				...(facts?.state === undefined ? {} : { state: facts.state }),
				...(facts?.account === undefined ? {} : { account: facts.account }),
			});
		} catch (error) {
			results.push({ success: false, error: job.finish(error).toJSON() });
		}
	}
	return results;
}
