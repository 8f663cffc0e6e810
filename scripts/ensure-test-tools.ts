// The first step of `npm test`: the browser tests drive Debian's Chromium, serve the build with real
// nginx, and make certificates and htpasswd lines with openssl and fill the container's template with
// envsubst. What a fresh Debian or Ubuntu machine lacks is installed from its package manager when
// this runs as root or with passwordless sudo, and it says what it did; otherwise it stops and says
// what to install. (CHROMIUM_PATH and NGINX_BIN point at binaries elsewhere.)
import { spawnSync } from 'node:child_process'
import { accessSync, constants, statSync } from 'node:fs'
import { delimiter, join } from 'node:path'

interface Tool {
  /** What the tests need it for, for the message. */
  readonly name: string
  /** The Debian/Ubuntu package that brings it. */
  readonly aptPackage: string
  /** Where it is, when it is. */
  readonly find: () => string | undefined
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK)
    return statSync(path).isFile()
  } catch {
    return false
  }
}

function onPath(command: string, extra: readonly string[] = []): string | undefined {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean)
  return [...extra, ...dirs.map((dir) => join(dir, command))].find(isExecutable)
}

const TOOLS: readonly Tool[] = [
  {
    name: 'Chromium (the browser tests)',
    aptPackage: 'chromium',
    find: () =>
      process.env.CHROMIUM_PATH ||
      ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find(isExecutable),
  },
  {
    name: 'nginx (the production server under test)',
    aptPackage: 'nginx',
    find: () => process.env.NGINX_BIN || onPath('nginx', ['/usr/sbin/nginx']),
  },
  {
    name: 'openssl (test certificates, htpasswd)',
    aptPackage: 'openssl',
    find: () => onPath('openssl'),
  },
  {
    name: 'envsubst (the container template)',
    aptPackage: 'gettext-base',
    find: () => onPath('envsubst'),
  },
]

const run = (command: string, args: readonly string[]) =>
  spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  })

function canUseApt(): { readonly prefix: readonly string[] } | string {
  if (onPath('apt-get') === undefined) return 'this is not a Debian or Ubuntu machine (no apt-get)'
  if (process.getuid?.() === 0) return { prefix: [] }
  if (onPath('sudo') !== undefined && spawnSync('sudo', ['-n', 'true']).status === 0) {
    return { prefix: ['sudo'] }
  }
  return 'installing needs root or passwordless sudo'
}

function main(): number {
  const missing = TOOLS.filter((tool) => tool.find() === undefined)
  if (missing.length === 0) return 0
  const packages = missing.map((tool) => tool.aptPackage)
  const names = missing.map((tool) => tool.name).join(', ')
  const apt = canUseApt()
  if (typeof apt === 'string') {
    console.error(
      [
        `npm test needs ${names}, and cannot install them: ${apt}.`,
        `Install them with:  sudo apt-get update && sudo apt-get install -y ${packages.join(' ')}`,
        'or point CHROMIUM_PATH / NGINX_BIN at binaries you have, then run npm test again.',
      ].join('\n'),
    )
    return 1
  }
  const [command = 'apt-get', ...prefix] = [...apt.prefix, 'apt-get']
  console.log(`npm test needs ${names}: installing ${packages.join(' ')} with apt-get.`)
  if (run(command, [...prefix, 'update']).status !== 0) return 1
  if (run(command, [...prefix, 'install', '-y', ...packages]).status !== 0) return 1
  const still = missing.filter((tool) => tool.find() === undefined)
  if (still.length > 0) {
    // Ubuntu's chromium package is a stub for the snap, which a container without snapd lacks.
    console.error(
      `Installed, but still missing: ${still.map((tool) => tool.name).join(', ')}. ` +
        'Point CHROMIUM_PATH / NGINX_BIN at working binaries and run npm test again.',
    )
    return 1
  }
  console.log(`Installed ${packages.join(' ')}; running the tests.`)
  return 0
}

process.exitCode = main()
