// Arithmetic on Counts. Rates are integers (tenths of a percent) computed
// with integer arithmetic, so that 89.45 % never rounds differently on two
// machines or in two formats.
import type { Counts } from './stats.types.js';

export function emptyCounts(): Counts {
  return {
    presents: 0,
    admisPremierGroupe: 0,
    invitesSecondGroupe: 0,
    admisSecondGroupe: 0,
    ajournes: 0,
    enAttente: 0,
    elimines: 0,
    mentions: { AB: 0, B: 0, TB: 0, TBF: 0 },
  };
}

export function addInto(target: Counts, c: Counts): void {
  target.presents += c.presents;
  target.admisPremierGroupe += c.admisPremierGroupe;
  target.invitesSecondGroupe += c.invitesSecondGroupe;
  target.admisSecondGroupe += c.admisSecondGroupe;
  target.ajournes += c.ajournes;
  target.enAttente += c.enAttente;
  target.elimines += c.elimines;
  target.mentions.AB += c.mentions.AB;
  target.mentions.B += c.mentions.B;
  target.mentions.TB += c.mentions.TB;
  target.mentions.TBF += c.mentions.TBF;
}

/** Admitted at the first group, plus after the second group in groupe 2. */
export function admis(c: Counts): number {
  return c.admisPremierGroupe + c.admisSecondGroupe;
}

export function totalMentions(c: Counts): number {
  return c.mentions.AB + c.mentions.B + c.mentions.TB + c.mentions.TBF;
}

/**
 * round(100 × part / whole) to a tenth, half up, as an integer number of tenths; null without
 * présents.
 */
export function ratioDixiemes(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return Math.floor((part * 2000 + whole) / (2 * whole));
}

/** Success rate: admis / présents. */
export function tauxReussite(c: Counts): number | null {
  return ratioDixiemes(admis(c), c.presents);
}

/** Share of the présents invited to the second group. */
export function tauxSecondGroupe(c: Counts): number | null {
  return ratioDixiemes(c.invitesSecondGroupe, c.presents);
}

/** Share of the présents admitted with a mention (the open dataset's taux_men). */
export function tauxMentions(c: Counts): number | null {
  return ratioDixiemes(totalMentions(c), c.presents);
}
