import { settingDefaults } from '@wamedia/core/inputs';
import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/** A Meta WhatsApp Cloud API access token, and the Graph API it is used with. */
export class WamediaMetaCloudApi implements ICredentialType {
	name = 'wamediaMetaCloudApi';

	displayName = 'wamedia: Meta WhatsApp Cloud API';

	icon = 'file:wamedia.svg' as const;

	documentationUrl = 'https://github.com/wamedia/wamedia/tree/main/packages/n8n#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'A system user token with the whatsapp_business_messaging permission, from Meta Business Settings → System users (or the temporary token of the app’s WhatsApp → API Setup page)',
		},
		{
			displayName: 'Graph API URL',
			name: 'graphUrl',
			type: 'string',
			default: settingDefaults.graphUrl,
			description: 'Change only to reach the Graph API through a proxy',
		},
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'string',
			default: settingDefaults.apiVersion,
			placeholder: settingDefaults.apiVersion,
			description: 'The Graph API version, as on the app’s WhatsApp → API Setup page',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.accessToken}}' } },
	};

	test: ICredentialTestRequest = {
		request: { baseURL: '={{$credentials.graphUrl}}', url: '=/{{$credentials.apiVersion}}/me' },
	};
}
