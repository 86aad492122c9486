import { delay } from '../../../lib'
import { allowAny } from '../../../test-support/testTags'
import { ZeebeGrpcClient } from '../../../zeebe'

vi.setConfig({ testTimeout: 20_000 })

test.runIf(allowAny([{ deployment: 'saas' }, { deployment: 'self-managed' }]))(
	'can delete a resource',
	async () => {
		let thrown = false
		const zbc = new ZeebeGrpcClient()

		const deployment = await zbc.deployResource({
			processFilename: './src/__tests__/testdata/DeleteResource.bpmn',
		})

		const resourceKey = deployment.deployments[0].process.processDefinitionKey

		await delay(5000) // Wait 5 seconds for the deployment to propagate

		const process = await zbc.createProcessInstance({
			bpmnProcessId: deployment.deployments[0].process.bpmnProcessId, // 'delete-me',
			variables: {},
		})

		await zbc.cancelProcessInstance(process.processInstanceKey)

		await zbc.deleteResource({ resourceKey })
		try {
			/** This should now throw, as the resource has been deleted */
			const process2 = await zbc.createProcessInstance({
				bpmnProcessId: 'delete-me',
				variables: {},
			})
			await zbc.cancelProcessInstance(process2.processInstanceKey)
		} catch (e) {
			thrown = true
		}
		expect(thrown).toBe(true)
		await zbc.close()
	}
)
