// An analysis thread: runs hotspot analyses on rows the main thread read, so their seconds of arithmetic never hold
// the event loop that answers every other request. Answers go back serialised: the main thread sends (and caches)
// the text as it is, and a transferred string costs one copy where an object graph costs a structured clone.
import { parentPort } from 'node:worker_threads'
import { answerOf, type AnalysisJob } from './analysis-jobs.js'
import type { ThreadAnswer } from './analysis-threads.js'
import { StudyAreas } from './study-area.js'

const port = parentPort!
const areas = new StudyAreas()

port.on('message', (job: AnalysisJob) => {
  let answer: ThreadAnswer
  try {
    answer = { json: JSON.stringify(answerOf(job, areas)) }
  } catch (error) {
    answer = { error: (error as Error).message, stack: (error as Error).stack }
  }
  port.postMessage(answer)
})
