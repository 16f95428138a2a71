import type { JsonOperation } from '../http/index.js';
import { optionalString, requiredString, ServiceError } from '../http/index.js';
import type {
  DeliveryStore,
  StoredDelivery,
  StoredDeliveryDestination,
  StoredDeliverySource,
} from './delivery-store.js';
import { page } from './paging.js';

const validation = 'ValidationException';

/** What the delivery operations need. */
export interface DeliveryOperationsContext {
  readonly deliveries: DeliveryStore;
  readonly region: string;
  readonly accountId: string;
}

/**
 * The log types each log-generating resource type supports (AgentCore runtimes and harnesses; memories). TRACES
 * of a harness are not documented (docs/aws.md §8): accepted like a runtime's.
 */
const SupportedLogTypes: readonly { readonly pattern: RegExp; readonly logTypes: readonly string[] }[] = [
  {
    pattern: /^arn:[^:]+:bedrock-agentcore:[^:]+:\d{12}:(runtime|harness)\/[^/]+$/,
    logTypes: ['APPLICATION_LOGS', 'USAGE_LOGS', 'TRACES'],
  },
  {
    pattern: /^arn:[^:]+:bedrock-agentcore:[^:]+:\d{12}:memory\/[^/]+$/,
    logTypes: ['APPLICATION_LOGS', 'TRACES'],
  },
];

/** The only log type an XRAY destination takes, and the only destination type that log type goes to. */
const TracesLogType = 'TRACES';

/** `arn:aws:logs:<region>:<account>:<type>:<name>` of a delivery source, destination or delivery. */
export function deliveryArn(
  ctx: Pick<DeliveryOperationsContext, 'region' | 'accountId'>,
  type: 'delivery-source' | 'delivery-destination' | 'delivery',
  name: string,
): string {
  return `arn:aws:logs:${ctx.region}:${ctx.accountId}:${type}:${name}`;
}

/**
 * The vended-log delivery operations with AWS's shapes: Put/Get/Describe/DeleteDeliverySource(s),
 * Put/Get/Describe/DeleteDeliveryDestination(s), Create/Get/Describe/DeleteDelivery: deliveries to log groups
 * (CWL) and, for TRACES only, to X-Ray (XRAY).
 */
export function deliveryOperations(ctx: DeliveryOperationsContext): Record<string, JsonOperation> {
  const { deliveries } = ctx;
  const sourceShape = (source: StoredDeliverySource) => ({
    name: source.name,
    arn: deliveryArn(ctx, 'delivery-source', source.name),
    resourceArns: [source.resourceArn],
    service: source.service,
    logType: source.logType,
  });
  const destinationShape = (destination: StoredDeliveryDestination) => ({
    name: destination.name,
    arn: deliveryArn(ctx, 'delivery-destination', destination.name),
    ...(destination.deliveryDestinationType === 'XRAY'
      ? { deliveryDestinationType: 'XRAY' }
      : {
          deliveryDestinationType: 'CWL',
          outputFormat: destination.outputFormat,
          deliveryDestinationConfiguration: { destinationResourceArn: destination.destinationResourceArn },
        }),
  });
  const destinationTypeOf = (arn: string) =>
    deliveries.destinationByArn(arn)?.deliveryDestinationType ?? 'CWL';
  const deliveryShape = (delivery: StoredDelivery) => ({
    id: delivery.id,
    arn: deliveryArn(ctx, 'delivery', delivery.id),
    deliverySourceName: delivery.deliverySourceName,
    deliveryDestinationArn: delivery.deliveryDestinationArn,
    deliveryDestinationType: destinationTypeOf(delivery.deliveryDestinationArn),
  });
  return {
    PutDeliverySource: (input) => {
      const name = nameOf(input, 'name');
      const resourceArn = requiredString(input, 'resourceArn', validation);
      const logType = requiredString(input, 'logType', validation);
      const supported = SupportedLogTypes.find((each) => each.pattern.test(resourceArn));
      if (supported === undefined || !supported.logTypes.includes(logType)) {
        throw new ServiceError(
          validation,
          `Log type ${logType} is not supported for resource ${resourceArn}.`,
        );
      }
      const service = resourceArn.split(':')[2] ?? '';
      return { deliverySource: sourceShape(deliveries.putSource({ name, resourceArn, logType, service })) };
    },
    GetDeliverySource: (input) => ({ deliverySource: sourceShape(deliveries.source(nameOf(input, 'name'))) }),
    DescribeDeliverySources: (input) =>
      page(
        deliveries.listSources(),
        input,
        { max: 50, key: 'deliverySources', errorCode: validation },
        sourceShape,
      ),
    DeleteDeliverySource: (input) => {
      deliveries.deleteSource(nameOf(input, 'name'));
      return {};
    },
    PutDeliveryDestination: (input) => {
      const name = nameOf(input, 'name');
      const type = optionalString(input, 'deliveryDestinationType', validation);
      if (type === 'XRAY') {
        if (input.deliveryDestinationConfiguration !== undefined || input.outputFormat !== undefined) {
          throw new ServiceError(
            validation,
            'An XRAY delivery destination takes no deliveryDestinationConfiguration or outputFormat.',
          );
        }
        const destination = deliveries.putDestination({ name, deliveryDestinationType: 'XRAY' });
        return { deliveryDestination: destinationShape(destination) };
      }
      if (type !== undefined && type !== 'CWL') {
        throw new ServiceError(
          validation,
          `The local cloud delivers to CloudWatch Logs (CWL) and X-Ray (XRAY) only, not ${type}.`,
        );
      }
      const configuration = input.deliveryDestinationConfiguration as
        | { destinationResourceArn?: unknown }
        | undefined;
      const target = configuration?.destinationResourceArn;
      if (typeof target !== 'string' || !/^arn:[^:]+:logs:[^:]+:\d{12}:log-group:[^:]+(:\*)?$/.test(target)) {
        throw new ServiceError(validation, 'The local cloud delivers to CloudWatch Logs log groups only.');
      }
      const outputFormat = optionalString(input, 'outputFormat', validation) ?? 'json';
      const destination = deliveries.putDestination({
        name,
        destinationResourceArn: target.replace(/:\*$/, ''),
        outputFormat,
      });
      return { deliveryDestination: destinationShape(destination) };
    },
    GetDeliveryDestination: (input) => ({
      deliveryDestination: destinationShape(deliveries.destination(nameOf(input, 'name'))),
    }),
    DescribeDeliveryDestinations: (input) =>
      page(
        deliveries.listDestinations(),
        input,
        { max: 50, key: 'deliveryDestinations', errorCode: validation },
        destinationShape,
      ),
    DeleteDeliveryDestination: (input) => {
      const name = nameOf(input, 'name');
      deliveries.deleteDestination(name, deliveryArn(ctx, 'delivery-destination', name));
      return {};
    },
    CreateDelivery: (input) => {
      const source = deliveries.source(requiredString(input, 'deliverySourceName', validation));
      const destinationArn = requiredString(input, 'deliveryDestinationArn', validation);
      const destination = deliveries.destinationByArn(destinationArn);
      if (destination === undefined) {
        throw new ServiceError(
          'ResourceNotFoundException',
          `Delivery destination ${destinationArn} does not exist.`,
        );
      }
      // As on AWS: traces go to X-Ray and nowhere else, and X-Ray takes nothing but traces.
      const toXRay = destination.deliveryDestinationType === 'XRAY';
      if (toXRay !== (source.logType === TracesLogType)) {
        throw new ServiceError(
          validation,
          toXRay
            ? `Delivery destination ${destination.name} is of type XRAY, which accepts only log type TRACES, not ${source.logType}.`
            : `Log type TRACES of delivery source ${source.name} can only be delivered to an XRAY delivery destination.`,
        );
      }
      return { delivery: deliveryShape(deliveries.createDelivery(source.name, destinationArn)) };
    },
    GetDelivery: (input) => ({ delivery: deliveryShape(deliveries.delivery(nameOf(input, 'id'))) }),
    DescribeDeliveries: (input) =>
      page(
        deliveries.listDeliveries(),
        input,
        { max: 50, key: 'deliveries', errorCode: validation },
        deliveryShape,
      ),
    DeleteDelivery: (input) => {
      deliveries.deleteDelivery(nameOf(input, 'id'));
      return {};
    },
  };
}

/** The resources AWS authorizes a delivery operation on, or undefined for other operations. */
export function deliveryResourcesOf(
  ctx: Pick<DeliveryOperationsContext, 'region' | 'accountId'>,
  operation: string,
  input: Readonly<Record<string, unknown>>,
): readonly string[] | undefined {
  const name = typeof input.name === 'string' ? input.name : '*';
  switch (operation) {
    case 'PutDeliverySource':
    case 'GetDeliverySource':
    case 'DeleteDeliverySource':
      return [deliveryArn(ctx, 'delivery-source', name)];
    case 'PutDeliveryDestination':
    case 'GetDeliveryDestination':
    case 'DeleteDeliveryDestination':
      return [deliveryArn(ctx, 'delivery-destination', name)];
    case 'CreateDelivery':
      return [
        deliveryArn(ctx, 'delivery', '*'),
        deliveryArn(ctx, 'delivery-source', String(input.deliverySourceName ?? '*')),
        String(input.deliveryDestinationArn ?? deliveryArn(ctx, 'delivery-destination', '*')),
      ];
    case 'GetDelivery':
    case 'DeleteDelivery':
      return [deliveryArn(ctx, 'delivery', typeof input.id === 'string' ? input.id : '*')];
    case 'DescribeDeliverySources':
    case 'DescribeDeliveryDestinations':
    case 'DescribeDeliveries':
      return ['*'];
    default:
      return undefined;
  }
}

function nameOf(input: Readonly<Record<string, unknown>>, field: string): string {
  return requiredString(input, field, validation);
}
