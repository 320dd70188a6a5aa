import { z } from 'zod';
import { ACADEMIE_SLUG } from '../../shared/edge/pointer.js';

export const Session = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
export const Slug = z.string().regex(ACADEMIE_SLUG);

/** What the render function is invoked with: one académie (the fan-out sends one of these per académie). */
export const RenderEventSchema = z.object({
  academie: Slug,
  session: Session,
  groupe: z.union([z.literal(1), z.literal(2)]),
  kind: z.enum(['release', 'rehearsal']).default('release'),
  /** The officer who asked (the audit actor) and their roles, as the admin API read them from the token: the use case checks them again. */
  actor: z.string().min(1).max(128),
  roles: z.array(z.string().max(64)).max(100),
});
export type RenderEvent = z.input<typeof RenderEventSchema>;
