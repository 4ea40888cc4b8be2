// send() when the browser stopped the background: asked again where that is safe, said plainly when not.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { send } from '../../utils/messaging';

const closed = () =>
  new Error(
    'A listener indicated an asynchronous response by returning true, but the message channel closed before a response was received',
  );
const undelivered = () => new Error('Could not establish connection. Receiving end does not exist.');

describe('send when the background is stopped', () => {
  beforeEach(() => fakeBrowser.reset());

  it('asks a read again after the channel closed, and gets the answer', async () => {
    const calls = vi
      .spyOn(fakeBrowser.runtime, 'sendMessage')
      .mockRejectedValueOnce(closed())
      .mockResolvedValueOnce({ ok: true, value: { hits: [] } } as never);
    expect(await send('search', { query: 'pdb' })).toEqual({ hits: [] });
    expect(calls).toHaveBeenCalledTimes(2);
  });

  it('sends a change again only when it never arrived', async () => {
    const calls = vi
      .spyOn(fakeBrowser.runtime, 'sendMessage')
      .mockRejectedValueOnce(undelivered())
      .mockResolvedValueOnce({ ok: true, value: { packs: [] } } as never);
    expect(await send('movePack', { id: 'a', delta: 1 })).toEqual({ packs: [] });
    expect(calls).toHaveBeenCalledTimes(2);
  });

  it('does not repeat a change the background may have made, and says so in plain words', async () => {
    const calls = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockRejectedValue(closed());
    await expect(send('movePack', { id: 'a', delta: 1 })).rejects.toThrow(
      'Termlens’s background stopped before it answered; the change may not have been made. Check, and try again.',
    );
    expect(calls).toHaveBeenCalledTimes(1);
  });

  it('gives up after one more try, in plain words', async () => {
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockRejectedValue(closed());
    await expect(send('packs', {})).rejects.toThrow(
      'Termlens’s background did not answer. Try again; if it keeps failing, reload the extension.',
    );
  });
});
