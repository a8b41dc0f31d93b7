/**
 * The keys to name for a shortcut on this device, or null where naming them would only be noise:
 * a phone or tablet (no fine pointer that can hover: no keyboard to expect). ⌘ on Apple's
 * systems, Ctrl elsewhere.
 */
export function shortcutKeys(key: string, device: { platform: string; hasKeyboard: boolean }): string | null {
  if (!device.hasKeyboard) return null;
  return /mac|iphone|ipad/i.test(device.platform) ? `⌘${key}` : `Ctrl+${key}`;
}

/** What `shortcutKeys` needs to know of the browser it runs in. */
export function thisDevice(): { platform: string; hasKeyboard: boolean } {
  const nav = navigator as Navigator & { userAgentData?: { platform?: string } };
  return {
    platform: nav.userAgentData?.platform ?? nav.platform ?? '',
    hasKeyboard: window.matchMedia('(hover: hover) and (pointer: fine)').matches,
  };
}
