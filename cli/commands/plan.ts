import type { Command } from 'commander';
import type { CliIo } from '../io.js';

export function registerPlanCommand(_program: Command, _io: CliIo, _setExit: (code: number) => void): void {}
