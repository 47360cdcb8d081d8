import { commands, type FlagName, type FlagSpec, flags } from './cli-flags.js';
import { archiveFlags, archiveOnlyFlags } from './parse-archive-arguments.js';
import { checkFlags } from './parse-check-arguments.js';
import type { Shell } from './parse-cli-arguments.js';
import { serveFlags, serveOnlyFlags } from './parse-serve-arguments.js';

const specs = Object.entries(flags as Record<string, FlagSpec>);
const download = specs.filter(
	([name]) => name !== 'version' && !archiveOnlyFlags.includes(name as FlagName) && !serveOnlyFlags.includes(name as FlagName),
);
const serve = specs.filter(([name]) => serveFlags.includes(name as FlagName));
const sync = specs.filter(([name]) => archiveFlags.sync.includes(name as FlagName));
const backfill = specs.filter(([name]) => archiveFlags.backfill.includes(name as FlagName));
const checking = specs.filter(([name]) => checkFlags.includes(name as FlagName));
const words = (list: typeof specs) =>
	list.flatMap(([name, spec]) => [`--${name}`, ...(spec.short === undefined ? [] : [`-${spec.short}`])]);
const valueFlags = specs.filter(([, spec]) => spec.type === 'string');
const spelled = (name: string, spec: FlagSpec) => (spec.short === undefined ? `--${name}` : `-${spec.short}|--${name}`);

function bash(): string {
	const cases = valueFlags.map(([name, spec]) => {
		const reply =
			spec.values === 'file'
				? 'compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- "$cur"))'
				: spec.values === 'directory'
					? 'compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -d -- "$cur"))'
					: spec.values === undefined
						? 'COMPREPLY=()'
						: `COMPREPLY=($(compgen -W "${spec.values.join(' ')}" -- "$cur"))`;
		return `\t\t${spelled(name, spec)}) ${reply}; return ;;`;
	});
	return `# bash completion for wamedia. Load it with: source <(wamedia completion bash)
_wamedia() {
	local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" command="" i
	for ((i = 1; i < COMP_CWORD; i++)); do
		case "\${COMP_WORDS[i]}" in
			${valueFlags.map(([name, spec]) => spelled(name, spec)).join('|')}) ((i++)) ;;
			-*) ;;
			*) command="\${COMP_WORDS[i]}"; break ;;
		esac
	done
	case "$prev" in
${cases.join('\n')}
	esac
	case "$command" in
		"") COMPREPLY=($(compgen -W "${Object.keys(commands).join(' ')} --help --version" -- "$cur")) ;;
		download) COMPREPLY=($(compgen -W "${words(download).join(' ')}" -- "$cur")) ;;
		sync) COMPREPLY=($(compgen -W "${words(sync).join(' ')}" -- "$cur")) ;;
		backfill) COMPREPLY=($(compgen -W "${words(backfill).join(' ')}" -- "$cur")) ;;
		serve) COMPREPLY=($(compgen -W "${words(serve).join(' ')}" -- "$cur")) ;;
		check) COMPREPLY=($(compgen -W "${words(checking).join(' ')}" -- "$cur")) ;;
		help) COMPREPLY=($(compgen -W "${Object.keys(commands).join(' ')}" -- "$cur")) ;;
		completion) COMPREPLY=($(compgen -W "bash zsh fish" -- "$cur")) ;;
	esac
}
complete -F _wamedia wamedia
`;
}

// zsh's _arguments specs: '--flag[description]:message:action'; brackets and colons are escaped.
function zshSpec(name: string, spec: FlagSpec): string {
	const description = spec.description.replaceAll(/[[\]:'\\]/g, (character) => (character === "'" ? "'\\''" : `\\${character}`));
	const action =
		spec.type === 'boolean'
			? ''
			: `:${name}:${spec.values === 'file' ? '_files' : spec.values === 'directory' ? '_directories' : spec.values === undefined ? ' ' : `(${spec.values.join(' ')})`}`;
	const repeat = spec.repeatable ? '*' : '';
	if (spec.short === undefined) return `'${repeat}--${name}[${description}]${action}'`;
	return `'(-${spec.short} --${name})'{-${spec.short},--${name}}'[${description}]${action}'`;
}

function zsh(): string {
	const commandList = Object.entries(commands).map(([name, description]) => `'${name}:${description}'`);
	return `#compdef wamedia
# zsh completion for wamedia. Load it with: source <(wamedia completion zsh), or save it as _wamedia in a directory of $fpath.
_wamedia() {
	local curcontext="$curcontext" state line
	local -a wamedia_commands
	wamedia_commands=(${commandList.join(' ')})
	_arguments -C \\
		'(- :)'{-h,--help}'[show help]' \\
		'(- :)--version[print the version]' \\
		'1: :->command' \\
		'*:: :->argument'
	case $state in
		command) _describe -t commands 'wamedia command' wamedia_commands ;;
		argument)
			case $words[1] in
				download)
					_arguments \\
						${download.map(([name, spec]) => zshSpec(name, spec)).join(' \\\n\t\t\t\t\t\t')}
					;;
				sync)
					_arguments \\
						${sync.map(([name, spec]) => zshSpec(name, spec)).join(' \\\n\t\t\t\t\t\t')}
					;;
				backfill)
					_arguments \\
						${backfill.map(([name, spec]) => zshSpec(name, spec)).join(' \\\n\t\t\t\t\t\t')}
					;;
				serve)
					_arguments \\
						${serve.map(([name, spec]) => zshSpec(name, spec)).join(' \\\n\t\t\t\t\t\t')}
					;;
				check)
					_arguments \\
						${checking.map(([name, spec]) => zshSpec(name, spec)).join(' \\\n\t\t\t\t\t\t')}
					;;
				help) _describe -t commands 'wamedia command' wamedia_commands ;;
				completion) _values 'shell' bash zsh fish ;;
			esac
			;;
	esac
}
if [[ "\${funcstack[1]}" == _wamedia ]]; then
	_wamedia "$@"
else
	# Sourced rather than autoloaded from $fpath: register with the completion system, starting it if needed.
	if ! (( \${+functions[compdef]} )); then
		autoload -Uz compinit && compinit -i
	fi
	compdef _wamedia wamedia
fi
`;
}

// fish quotes with single quotes; a quote inside is written \'.
const fishQuoted = (text: string) => `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

function fishFlag(name: string, spec: FlagSpec, condition: string): string {
	const parts = [`complete -c wamedia -n ${fishQuoted(condition)} -l ${name}`];
	if (spec.short !== undefined) parts.push(`-s ${spec.short}`);
	if (spec.type === 'string') {
		if (spec.values === 'file') parts.push('-r -F');
		else if (spec.values === 'directory') parts.push(`-r -f -a ${fishQuoted('(__fish_complete_directories)')}`);
		else if (spec.values === undefined) parts.push('-r -f');
		else parts.push(`-r -f -a ${fishQuoted(spec.values.join(' '))}`);
	}
	parts.push(`-d ${fishQuoted(spec.description)}`);
	return parts.join(' ');
}

function fish(): string {
	const names = Object.keys(commands).join(' ');
	const perCommand = (command: string, list: typeof specs) =>
		list.map(([name, spec]) => fishFlag(name, spec, `__fish_seen_subcommand_from ${command}`)).join('\n');
	return `# fish completion for wamedia. Load it with: wamedia completion fish | source
# (or save it as ~/.config/fish/completions/wamedia.fish)
complete -c wamedia -f
${Object.entries(commands)
	.map(
		([name, description]) =>
			`complete -c wamedia -n ${fishQuoted(`not __fish_seen_subcommand_from ${names}`)} -a ${name} -d ${fishQuoted(description)}`,
	)
	.join('\n')}
complete -c wamedia -n ${fishQuoted(`not __fish_seen_subcommand_from ${names}`)} -s h -l help -d 'show help'
complete -c wamedia -n ${fishQuoted(`not __fish_seen_subcommand_from ${names}`)} -l version -d 'print the version'
${perCommand('download', download)}
${perCommand('sync', sync)}
${perCommand('backfill', backfill)}
${perCommand('serve', serve)}
${perCommand('check', checking)}
complete -c wamedia -n '__fish_seen_subcommand_from help' -a ${fishQuoted(names)}
complete -c wamedia -n '__fish_seen_subcommand_from completion' -a 'bash zsh fish'
`;
}

/** The completion script for a shell, generated from the flag table so that it never falls behind. */
export function completionScript(shell: Shell): string {
	return shell === 'bash' ? bash() : shell === 'zsh' ? zsh() : fish();
}
