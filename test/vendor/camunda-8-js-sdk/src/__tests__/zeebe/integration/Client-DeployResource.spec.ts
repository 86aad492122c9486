import fs from 'fs'

import { allowAny } from '../../../test-support/testTags'
import { BpmnParser, ZeebeGrpcClient } from '../../../zeebe/index'

process.env.ZEEBE_NODE_LOG_LEVEL = process.env.ZEEBE_NODE_LOG_LEVEL || 'NONE'
vi.setConfig({ testTimeout: 20_000 })

const zbc = new ZeebeGrpcClient()
const bpmnString = fs.readFileSync(
	'./src/__tests__/testdata/Client-DeployWorkflow.bpmn',
	'utf8'
)
const expectedPid = BpmnParser.getProcessId(bpmnString)

beforeAll(async () => {
	// cancelProcesses(expectedPid)
})

afterAll(async () => {
	await zbc.close()
})

test.runIf(allowAny([{ deployment: 'saas' }, { deployment: 'self-managed' }]))(
	'deploys a process',
	async () => {
		const result = await zbc.deployResource({
			process: Buffer.from(bpmnString),
			name: 'Client-DeployWorkflow.bpmn',
		})
		expect(result.deployments[0].process.bpmnProcessId).toBe(expectedPid)
	}
)
test.runIf(allowAny([{ deployment: 'saas' }, { deployment: 'self-managed' }]))(
	'deploys a process from a file',
	async () => {
		const result = await zbc.deployResource({
			processFilename: './src/__tests__/testdata/Client-DeployWorkflow.bpmn',
		})
		expect(result.deployments[0].process.version).toBeGreaterThanOrEqual(1)
	}
)
test.runIf(allowAny([{ deployment: 'saas' }, { deployment: 'self-managed' }]))(
	'deploys a DMN table from a filename',
	async () => {
		const result = await zbc.deployResource({
			decisionFilename: './src/__tests__/testdata/quarantine-duration.dmn',
		})
		expect(result.deployments[0].decision.decisionKey).not.toBeNull()
	}
)
test.runIf(allowAny([{ deployment: 'saas' }, { deployment: 'self-managed' }]))(
	'deploys a DMN table',
	async () => {
		const decision = fs.readFileSync(
			'./src/__tests__/testdata/quarantine-duration.dmn'
		)
		const result = await zbc.deployResource({
			decision,
			name: 'quarantine-duration.dmn',
		})
		expect(result.deployments[0].decision.decisionKey).not.toBeNull()
	}
)
test.runIf(allowAny([{ deployment: 'saas' }, { deployment: 'self-managed' }]))(
	'deploys a Form',
	async () => {
		const form = fs.readFileSync('./src/__tests__/testdata/form_1.form')
		const result = await zbc.deployResource({
			form,
			name: 'form_1.form',
		})
		expect(result.deployments[0].form).not.toBeNull()
	}
)
test.runIf(allowAny([{ deployment: 'saas' }, { deployment: 'self-managed' }]))(
	'deploys multiple resources',
	async () => {
		const result = await zbc.deployResources([
			{
				processFilename: './src/__tests__/testdata/Client-DeployWorkflow.bpmn',
			},
			{
				decisionFilename: './src/__tests__/testdata/quarantine-duration.dmn',
			},
			{
				form: fs.readFileSync('./src/__tests__/testdata/form_1.form'),
				name: 'form_1.form',
			},
		])
		expect(result.deployments.length).toBe(4)
	}
)
