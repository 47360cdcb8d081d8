// undici's Agent on its own: its index also loads fetch, WebSocket and caches that wamedia does not use.
declare module 'undici/lib/dispatcher/agent.js' {
	import type { Agent } from 'undici';

	const AgentClass: typeof Agent;
	export default AgentClass;
}
