/**
 * `organ-seg`: the command-line face of the pipeline (ask, resolve, segment, eval, eval-questions)
 * and the launcher of the long-running jobs (serve, chat). Bad input ends with a one-line message
 * on stderr and a non-zero exit code, never a stack trace.
 */
import { Command, CommanderError } from 'commander';
import { type AppConfig, loadConfig } from '../../config.js';
import { asCodedError, ErrorCode } from '../../errors.js';
import { createLogger } from '../../logger.js';

// Each command loads only what it needs: `resolve` should not pay for onnxruntime, sharp or Slack.
const commands = () => import('./commands.js');

function fail(error: unknown): never {
  const coded = asCodedError(error);
  process.stderr.write(
    `organ-seg: ${coded.userMessage}${coded.code === ErrorCode.Unknown ? ` (${coded.message})` : ''}\n`,
  );
  process.exit(coded.code === ErrorCode.ConfigInvalid ? 2 : 1);
}

let cachedConfig: AppConfig | undefined;
function config(): AppConfig {
  cachedConfig ??= loadConfig();
  return cachedConfig;
}

const program = new Command()
  .name('organ-seg')
  .description(
    'Answers multiple-choice questions about 13 abdominal organs on MRI/CT slices and outlines them.',
  )
  .showHelpAfterError()
  .exitOverride();

program
  .command('ask')
  .description('Answer a question about one slice: the organ letter(s), an explanation and an overlay PNG')
  .requiredOption('--image <file>', 'PNG/JPEG/WebP, DICOM file, folder or zip of one DICOM series, or NIfTI')
  .requiredOption('--question <text>', 'the question, e.g. "Which organ stores bile?"')
  .option(
    '--slice <n>',
    'for volumes: slice index as stored in the file, 0-based (default: middle)',
    parseIntArg,
  )
  .option('--out <png>', 'write the overlay here (default: overlay.png)')
  .option('--mask-out <png>', 'write the chosen organs as a 0/255 mask PNG on the input grid')
  .option('--outline', 'outline only, no fill')
  .option('--boxes', 'draw bounding boxes')
  .option('--json', 'print one JSON object')
  .action(async (options) => (await commands()).runAsk(config(), options));

program
  .command('resolve')
  .description('Resolve a question to organ letter(s) A–N without an image')
  .argument('[question]', 'the question')
  .option('--batch <file>', 'one question a line; prints one JSON object a line')
  .option('--json', 'print JSON')
  .action(async (question, options) => (await commands()).runResolve(question, options));

program
  .command('segment')
  .description('Write a label map (ids 1..13) on the input’s own grid: PNG for 2D, NIfTI for volumes')
  .requiredOption('--image <file>', 'input image, DICOM (file/folder/zip) or NIfTI')
  .requiredOption('--labels-out <file>', 'output label map (.png for 2D input, .nii.gz for volumes)')
  .option('--json', 'print a JSON summary')
  .action(async (options) => (await commands()).runSegment(config(), options));

program
  .command('eval')
  .description('Per-organ Dice of the model on a labelled set, in the layout of the paper’s Table III')
  .option('--images <dir>', 'folder of images')
  .option('--labels <dir>', 'folder of label maps (matched by name: _img→_lbl13, image_→label_)')
  .option('--manifest <file>', 'JSON Lines of {"image","labels","scheme"} instead of folders')
  .option('--scheme <name>', 'label numbering: identity (ours), chaos, totalseg-ct, totalseg-mr', 'identity')
  .option('--organs <ids>', 'comma-separated organ ids to score (for partially labelled sets)')
  .option('--json', 'print JSON')
  .action(async (options) => (await commands()).runEval(config(), options));

program
  .command('eval-questions')
  .description('Accuracy and confusion matrix (paper’s Fig. 2 layout) of question understanding')
  .option('--file <jsonl>', 'question set (default: data/questions/questions.jsonl)')
  .option('--split <name>', 'train, test or all', 'test')
  .option('--json', 'print JSON')
  .action(async (options) => (await commands()).runEvalQuestions(options));

program
  .command('chat')
  .description('Chat with the bot in the terminal: /upload PATH sends an image, other lines are messages')
  .option('--image <file>', 'upload this image first')
  .option('--json', 'one JSON line per reply (keys of ask --json)')
  .option('--session <name>', 'conversation name (with REDIS_URL a restarted chat continues it)', 'default')
  .option('--out-dir <dir>', 'where overlays and exports are written', '.')
  .action(async (options) => {
    const cfg = config();
    const logger = createLogger({
      level: options.json ? 'silent' : cfg.logLevel === 'info' ? 'warn' : cfg.logLevel,
    });
    const { createRuntime } = await import('../../runtime.js');
    const { runChat } = await import('./chat.js');
    const runtime = createRuntime(cfg, logger);
    await runtime.ready();
    try {
      await runChat(runtime, {
        image: options.image,
        json: options.json,
        session: options.session,
        outDir: options.outDir,
      });
    } finally {
      await runtime.close();
    }
  });

program
  .command('worker')
  .description('Run segmentation jobs from the Redis queue for bots started with PIPELINE_MODE=queue')
  .option('--concurrency <n>', 'jobs at once in this process', parseIntArg, 1)
  .option(
    '--lock-ms <ms>',
    'job lock: how long a dead worker’s job waits before another takes it',
    parseIntArg,
    30_000,
  )
  .option('--stalled-ms <ms>', 'how often to look for jobs of dead workers', parseIntArg, 5_000)
  .option('--queue <name>', 'queue name', 'segmentation')
  .action(async (options) =>
    (await import('./worker.js')).runWorker(config(), {
      concurrency: options.concurrency,
      lockMs: options.lockMs,
      stalledMs: options.stalledMs,
      queue: options.queue,
    }),
  );

program
  .command('serve')
  .description('Serve the web chat, Slack (/slack/events), Teams (/api/messages) and /healthz on one port')
  .action(async () => {
    const cfg = config();
    const logger = createLogger({ level: cfg.logLevel });
    const { startApp } = await import('../../app.js');
    const app = await startApp(cfg, logger);
    process.stdout.write(
      `Organ-Seg Bot is running (Ctrl-C to stop)\n${app.banner.map((l) => `  ${l}`).join('\n')}\n`,
    );
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'shutting down: finishing replies in flight');
      app.shutdown().then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });

function parseIntArg(value: string): number {
  const n = Number.parseInt(value, 10);
  if (!Number.isInteger(n) || n < 0 || String(n) !== value.trim()) {
    throw new CommanderError(
      2,
      'organ-seg.invalidArgument',
      `expected a non-negative integer, got "${value}"`,
    );
  }
  return n;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version exit 0; usage errors already printed by commander.
      process.exit(error.exitCode);
    }
    fail(error);
  }
}

await main(process.argv);
