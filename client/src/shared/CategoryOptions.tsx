import { KNOWN_CATEGORIES } from './categories'

/** Patrolmap's categories as the options of a <select> (after any option of the caller's own, such as "every category"). */
export function CategoryOptions() {
  return (
    <>
      {KNOWN_CATEGORIES.map((category) => (
        <option key={category} value={category}>
          {category}
        </option>
      ))}
    </>
  )
}
