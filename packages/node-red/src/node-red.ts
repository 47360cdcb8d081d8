// The small part of the Node-RED runtime API these nodes use, typed here rather than through
// @types/node-red: it is the same on Node-RED 4.x and 5.x (docs/node-red.md#runtime-api).

/** A message flowing through a flow. */
export type NodeMessage = Record<string, unknown> & { _msgid?: string };

/** `{fill, shape, text}`, or `{}` to clear. */
export interface NodeStatus {
	fill?: 'red' | 'green' | 'yellow' | 'blue' | 'grey';
	shape?: 'ring' | 'dot';
	text?: string;
}

/** What `RED.nodes.createNode` turns `this` into. */
export interface RuntimeNode {
	readonly id: string;
	readonly type: string;
	name?: string;
	credentials?: Record<string, string | undefined>;
	on(event: 'input', listener: (message: NodeMessage, send: (message: NodeMessage) => void, done: (error?: Error) => void) => void): void;
	on(event: 'close', listener: (removed: boolean, done: () => void) => void): void;
	status(status: NodeStatus): void;
	/** Sends a message on the node's output, outside an input handler. */
	send(message: NodeMessage): void;
	log(message: string): void;
	warn(message: string): void;
	error(message: string | Error, message_?: NodeMessage): void;
	debug(message: string): void;
}

/** The `config` object a node is created with: its `defaults` as saved in the flow. */
export type NodeConfig = Record<string, unknown> & { id: string; type: string; name?: string };

/** The `RED` object a node module receives. */
export interface NodeApi {
	nodes: {
		createNode(node: object, config: NodeConfig): void;
		registerType(
			type: string,
			definition: (this: RuntimeNode, config: NodeConfig) => void,
			options?: { credentials?: Record<string, { type: 'text' | 'password' }> },
		): void;
		getNode(id: string): RuntimeNode | null;
	};
	util: {
		evaluateNodeProperty(
			value: unknown,
			type: string,
			node: RuntimeNode,
			message: NodeMessage,
			callback: (error: Error | null | undefined, result: unknown) => void,
		): void;
		setMessageProperty(message: NodeMessage, property: string, value: unknown, createMissing?: boolean): boolean;
	};
	settings: { fileWorkingDirectory?: string; userDir?: string };
	/** The runtime's events; `flows:started` follows every deploy, once all its nodes exist. */
	events: {
		once(event: 'flows:started', listener: () => void): void;
		removeListener(event: 'flows:started', listener: () => void): void;
	};
	_(key: string, substitutions?: Record<string, unknown>): string;
}
