import { settingDefaults } from '@wamedia/core/inputs';
import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/** A Green-API instance: its API host, id and token, as the Green-API console shows them. */
export class WamediaGreenApi implements ICredentialType {
	name = 'wamediaGreenApi';

	displayName = 'wamedia: Green-API';

	icon = 'file:wamedia.svg' as const;

	documentationUrl = 'https://github.com/wamedia/wamedia/tree/main/packages/n8n#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'API URL',
			name: 'apiUrl',
			type: 'string',
			default: settingDefaults.apiUrl,
			placeholder: 'https://7103.api.greenapi.com',
			description: 'The "apiUrl" of the instance in the Green-API console; each instance may have its own host',
		},
		{
			displayName: 'Instance ID',
			name: 'idInstance',
			type: 'string',
			default: '',
			required: true,
			placeholder: '7103000000',
			description: 'The "idInstance" of the instance in the Green-API console',
		},
		{
			displayName: 'API Token',
			name: 'apiTokenInstance',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The "apiTokenInstance" of the instance in the Green-API console',
		},
	];

	// getStateInstance is Green-API's cheapest authenticated call; the token is part of its path.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.apiUrl}}',
			url: '=/waInstance{{$credentials.idInstance}}/getStateInstance/{{$credentials.apiTokenInstance}}',
		},
	};
}
