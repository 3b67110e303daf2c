/** The `factory` executable (scripts/dist/factory.mjs): the program is in ./program. */
import { main } from './program';

void main(process.argv).then((code) => {
  if (code !== 0) process.exitCode = code;
});
