import { settingDefaults } from '@wamedia/core/inputs';
import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/** A WAHA server, its API key (sent as X-Api-Key) and the session whose messages are downloaded. */
export class WamediaWahaApi implements ICredentialType {
	name = 'wamediaWahaApi';

	displayName = 'wamedia: WAHA';

	icon = 'file:wamedia.svg' as const;

	documentationUrl = 'https://github.com/wamedia/wamedia/tree/main/packages/n8n#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Server URL',
			name: 'serverUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'http://localhost:3000',
			description: 'Where WAHA runs (its WAHA_BASE_URL)',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The key WAHA was started with (WAHA_API_KEY)',
		},
		{
			displayName: 'Session',
			name: 'session',
			type: 'string',
			default: settingDefaults.session,
			description: 'The WAHA session name, as in the dashboard’s Sessions list',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { 'X-Api-Key': '={{$credentials.apiKey}}' } },
	};

	test: ICredentialTestRequest = {
		request: { baseURL: '={{$credentials.serverUrl}}', url: '=/api/sessions/{{$credentials.session}}' },
	};
}
