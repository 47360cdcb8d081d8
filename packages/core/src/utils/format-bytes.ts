const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/**
 * A byte count for people, in binary units with one decimal: what the CLI, the Action's summary and the
 * Node-RED status show.
 *
 * @example
 * formatBytes(48_213) // '47.1 KiB'
 */
export function formatBytes(bytes: number): string {
	let value = bytes;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit++;
	}
	return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}
