// What the home page shows below the lookup box — Recent, and the demo jobs in demo mode — in a chunk
// of its own: the box is what a first visit needs at once, and the job page never needs these.
import { useRuntimeConfig } from '../../components/app-scope.tsx'
import { DemoJobList } from '../../features/demo/DemoJobList.tsx'
import { RecentLookups } from '../../features/recent/RecentLookups.tsx'

export default function HomeLists() {
  const { demo } = useRuntimeConfig()
  return (
    <>
      <RecentLookups />
      {demo && <DemoJobList />}
    </>
  )
}
