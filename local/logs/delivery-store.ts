import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ServiceError } from '../http/index.js';
import { readJsonFile, writeJsonFile } from '../persist/index.js';

/** A delivery source: the resource whose logs of one type are delivered. */
export interface StoredDeliverySource {
  readonly name: string;
  readonly resourceArn: string;
  readonly logType: string;
  readonly service: string;
}

/**
 * A delivery destination: where delivered logs go. The local cloud delivers to log groups (`CWL`, with the group's
 * ARN) and to X-Ray (`XRAY`, no resource: spans land in `aws/spans`, as with Transaction Search on).
 */
export type StoredDeliveryDestination =
  | {
      readonly name: string;
      /** Absent in files written before X-Ray destinations: those are all CWL. */
      readonly deliveryDestinationType?: 'CWL';
      readonly destinationResourceArn: string;
      readonly outputFormat: string;
    }
  | { readonly name: string; readonly deliveryDestinationType: 'XRAY' };

/** A delivery: one source paired with one destination. */
export interface StoredDelivery {
  readonly id: string;
  readonly deliverySourceName: string;
  readonly deliveryDestinationArn: string;
}

interface DeliveryFile {
  readonly sources: Record<string, StoredDeliverySource>;
  readonly destinations: Record<string, StoredDeliveryDestination>;
  readonly deliveries: Record<string, StoredDelivery>;
}

const notFound = 'ResourceNotFoundException';
const conflict = 'ConflictException';

/**
 * The vended-log delivery state of the CloudWatch Logs emulator (sources, destinations, deliveries), persisted
 * as `<dataDir>/logs/deliveries.json` on every change (changes are rare: a deploy or a teardown).
 */
export class DeliveryStore {
  private readonly path: string;
  private readonly file: DeliveryFile;

  /** @param destinationArnPrefix the ARN of a destination less its name (`arn:aws:logs:…:delivery-destination:`) */
  constructor(
    dataDir: string,
    private readonly destinationArnPrefix: string,
  ) {
    this.path = join(dataDir, 'logs', 'deliveries.json');
    this.file = readJsonFile<DeliveryFile>(this.path, { sources: {}, destinations: {}, deliveries: {} });
  }

  /** Creates or overwrites a source (PutDeliverySource is an upsert). */
  putSource(source: StoredDeliverySource): StoredDeliverySource {
    const existing = this.file.sources[source.name];
    if (
      existing !== undefined &&
      existing.logType !== source.logType &&
      this.deliveriesOf(source.name).length > 0
    ) {
      throw new ServiceError(conflict, 'The log type of a delivery source with deliveries cannot change.');
    }
    this.file.sources[source.name] = source;
    this.save();
    return source;
  }

  /** @throws ServiceError ResourceNotFoundException */
  source(name: string): StoredDeliverySource {
    const source = this.file.sources[name];
    if (source === undefined) throw new ServiceError(notFound, `Delivery source ${name} does not exist.`);
    return source;
  }

  /** @throws ServiceError ResourceNotFoundException, ConflictException while deliveries use it */
  deleteSource(name: string): void {
    this.source(name);
    if (this.deliveriesOf(name).length > 0) {
      throw new ServiceError(
        conflict,
        `Delivery source ${name} is used by a delivery; delete the delivery first.`,
      );
    }
    delete this.file.sources[name];
    this.save();
  }

  listSources(): StoredDeliverySource[] {
    return Object.values(this.file.sources).sort((a, b) => a.name.localeCompare(b.name));
  }

  putDestination(destination: StoredDeliveryDestination): StoredDeliveryDestination {
    this.file.destinations[destination.name] = destination;
    this.save();
    return destination;
  }

  /** @throws ServiceError ResourceNotFoundException */
  destination(name: string): StoredDeliveryDestination {
    const destination = this.file.destinations[name];
    if (destination === undefined) {
      throw new ServiceError(notFound, `Delivery destination ${name} does not exist.`);
    }
    return destination;
  }

  /** The destination an ARN names, if it exists (an ARN of another account or region names none). */
  destinationByArn(arn: string): StoredDeliveryDestination | undefined {
    if (!arn.startsWith(this.destinationArnPrefix)) return undefined;
    return this.file.destinations[arn.slice(this.destinationArnPrefix.length)];
  }

  /** @throws ServiceError ResourceNotFoundException, ConflictException while deliveries use it */
  deleteDestination(name: string, arn: string): void {
    this.destination(name);
    if (Object.values(this.file.deliveries).some((delivery) => delivery.deliveryDestinationArn === arn)) {
      throw new ServiceError(conflict, `Delivery destination ${name} is used by a delivery.`);
    }
    delete this.file.destinations[name];
    this.save();
  }

  listDestinations(): StoredDeliveryDestination[] {
    return Object.values(this.file.destinations).sort((a, b) => a.name.localeCompare(b.name));
  }

  /** @throws ServiceError ConflictException when the source already delivers to the destination */
  createDelivery(deliverySourceName: string, deliveryDestinationArn: string): StoredDelivery {
    const existing = Object.values(this.file.deliveries).find(
      (delivery) =>
        delivery.deliverySourceName === deliverySourceName &&
        delivery.deliveryDestinationArn === deliveryDestinationArn,
    );
    if (existing !== undefined) {
      throw new ServiceError(conflict, 'A delivery already exists for this delivery source and destination.');
    }
    const delivery: StoredDelivery = {
      id: randomBytes(8).toString('hex'),
      deliverySourceName,
      deliveryDestinationArn,
    };
    this.file.deliveries[delivery.id] = delivery;
    this.save();
    return delivery;
  }

  /** @throws ServiceError ResourceNotFoundException */
  delivery(id: string): StoredDelivery {
    const delivery = this.file.deliveries[id];
    if (delivery === undefined) throw new ServiceError(notFound, `Delivery ${id} does not exist.`);
    return delivery;
  }

  /** @throws ServiceError ResourceNotFoundException */
  deleteDelivery(id: string): void {
    this.delivery(id);
    delete this.file.deliveries[id];
    this.save();
  }

  listDeliveries(): StoredDelivery[] {
    return Object.values(this.file.deliveries).sort((a, b) => a.id.localeCompare(b.id));
  }

  /** The deliveries of one source. */
  deliveriesOf(sourceName: string): StoredDelivery[] {
    return this.listDeliveries().filter((delivery) => delivery.deliverySourceName === sourceName);
  }

  private save(): void {
    writeJsonFile(this.path, this.file);
  }
}
