// The worker script the client starts by default: the scoring service of @leadscore/worker.
import '@leadscore/worker/worker';
