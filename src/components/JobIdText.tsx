// A job id that may wrap on a narrow screen, but only after a hyphen: never inside a group of hex
// digits, where a broken id is easy to misread or mistype. Browsers do not reliably break after a
// hyphen followed by a digit (UAX #14), so each group is kept whole and a <wbr> follows each hyphen.
// The text content stays exactly the id, so copying and finding it work as usual.
import { Fragment } from 'react'

export function JobIdText({ id }: { id: string }) {
  const groups = id.split('-')
  const last = groups.length - 1
  return (
    <>
      {groups.map((group, index) => (
        // the groups of one id never change order, so the index is a stable key
        <Fragment key={index}>
          <span className="whitespace-nowrap">{index < last ? `${group}-` : group}</span>
          {index < last && <wbr />}
        </Fragment>
      ))}
    </>
  )
}
