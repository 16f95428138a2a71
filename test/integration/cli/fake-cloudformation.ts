import { createServer } from 'node:http';
import { type ListeningServer, listen, readBody } from '../../../local/http/index.js';

/** A stand-in for CloudFormation's `DescribeStacks` and `ListStackResources` (query protocol, XML), the calls the CLI makes. */
export interface FakeCloudFormation extends ListeningServer {
  /** Stack outputs by stack name; a name absent here answers `ValidationError … does not exist`. */
  readonly stacks: Map<string, Readonly<Record<string, string>>>;
  /** A stack's resources as `ListStackResources` lists them (`agentdrop logs` finds the log groups there). */
  readonly resources: Map<string, readonly FakeStackResource[]>;
}

/** One resource of a fake stack. */
export interface FakeStackResource {
  readonly logicalId: string;
  readonly physicalId: string;
  readonly type: string;
}

const Xmlns = 'http://cloudformation.amazonaws.com/doc/2010-05-15/';

/** Serves `DescribeStacks` and `ListStackResources` on loopback in the XML the SDK parses; nothing else. */
export async function startFakeCloudFormation(): Promise<FakeCloudFormation> {
  const stacks = new Map<string, Readonly<Record<string, string>>>();
  const resources = new Map<string, readonly FakeStackResource[]>();
  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const form = new URLSearchParams(body.toString('utf8'));
      const name = form.get('StackName') ?? '';
      const outputs = stacks.get(name);
      const action = form.get('Action');
      res.setHeader('content-type', 'text/xml');
      if (action === 'ListStackResources' && outputs !== undefined) {
        const members = (resources.get(name) ?? [])
          .map(
            (resource) =>
              `<member><LogicalResourceId>${escapeXml(resource.logicalId)}</LogicalResourceId><PhysicalResourceId>${escapeXml(resource.physicalId)}</PhysicalResourceId><ResourceType>${escapeXml(resource.type)}</ResourceType><LastUpdatedTimestamp>2026-11-25T00:00:00.000Z</LastUpdatedTimestamp><ResourceStatus>CREATE_COMPLETE</ResourceStatus></member>`,
          )
          .join('');
        res.end(
          `<ListStackResourcesResponse xmlns="${Xmlns}"><ListStackResourcesResult><StackResourceSummaries>${members}</StackResourceSummaries></ListStackResourcesResult><ResponseMetadata><RequestId>fake</RequestId></ResponseMetadata></ListStackResourcesResponse>`,
        );
        return;
      }
      if (action !== 'DescribeStacks' || outputs === undefined) {
        const message =
          action === 'DescribeStacks' || action === 'ListStackResources'
            ? `Stack with id ${name} does not exist`
            : `Unsupported action ${action}`;
        res.statusCode = 400;
        res.end(
          `<ErrorResponse xmlns="${Xmlns}"><Error><Type>Sender</Type><Code>ValidationError</Code><Message>${escapeXml(message)}</Message></Error><RequestId>fake</RequestId></ErrorResponse>`,
        );
        return;
      }
      const members = Object.entries(outputs)
        .map(
          ([key, value]) =>
            `<member><OutputKey>${escapeXml(key)}</OutputKey><OutputValue>${escapeXml(value)}</OutputValue></member>`,
        )
        .join('');
      res.end(
        `<DescribeStacksResponse xmlns="${Xmlns}"><DescribeStacksResult><Stacks><member><StackName>${escapeXml(name)}</StackName><StackId>arn:aws:cloudformation:us-west-2:000000000000:stack/${escapeXml(name)}/fake</StackId><CreationTime>2026-11-25T00:00:00.000Z</CreationTime><StackStatus>CREATE_COMPLETE</StackStatus><Outputs>${members}</Outputs></member></Stacks></DescribeStacksResult><ResponseMetadata><RequestId>fake</RequestId></ResponseMetadata></DescribeStacksResponse>`,
      );
    });
  });
  return Object.assign(await listen(server), { stacks, resources });
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
