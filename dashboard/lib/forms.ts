import type { FieldValues, Resolver } from "react-hook-form";

/** A form resolver built on first validation (a submit, or a field left), so the validation
 * library loads after the page instead of with it. */
export function lazyResolver<T extends FieldValues>(load: () => Promise<Resolver<T>>): Resolver<T> {
  let resolver: Promise<Resolver<T>> | null = null;
  return async (values, context, options) => {
    resolver ??= load();
    return (await resolver)(values, context, options);
  };
}
