import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/** A WhatsApp Multi-Session server and its API key (sent as a Bearer token). */
export class WamediaMultiSessionApi implements ICredentialType {
	name = 'wamediaMultiSessionApi';

	displayName = 'wamedia: WhatsApp Multi-Session API';

	icon = 'file:wamedia.svg' as const;

	documentationUrl = 'https://github.com/wamedia/wamedia/tree/main/packages/n8n#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Server URL',
			name: 'serverUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'http://localhost:8080',
			description: 'Where the Multi-Session server runs; relative media URLs of its webhooks are read against it',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'An API key of the server (it starts with wams_), from its web interface',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.apiKey}}' } },
	};

	test: ICredentialTestRequest = {
		request: { baseURL: '={{$credentials.serverUrl}}', url: '/api/sessions' },
	};
}
