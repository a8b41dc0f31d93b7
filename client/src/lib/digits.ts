import { createContext, useContext } from 'react';
import type { DigitPolicy } from '../../../shared/domain.js';
import { INTERFACE_DIGITS } from './format.js';

/** The digit policy of the group whose page this is (its group and meeting pages provide it). */
export const DigitsContext = createContext<DigitPolicy>(INTERFACE_DIGITS);

export function useDigits(): DigitPolicy {
  return useContext(DigitsContext);
}
