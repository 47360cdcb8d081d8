import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/** An Evolution API server, its key (sent as apikey) and the instance whose messages are downloaded. */
export class WamediaEvolutionApi implements ICredentialType {
	name = 'wamediaEvolutionApi';

	displayName = 'wamedia: Evolution API';

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
			description: 'Where Evolution API runs (its SERVER_URL)',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The global AUTHENTICATION_API_KEY, or the token of the instance from the Evolution manager',
		},
		{
			displayName: 'Instance',
			name: 'instance',
			type: 'string',
			default: '',
			required: true,
			description: 'The instance name, as in the Evolution manager',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { apikey: '={{$credentials.apiKey}}' } },
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.serverUrl}}',
			url: '=/instance/connectionState/{{$credentials.instance}}',
		},
	};
}
