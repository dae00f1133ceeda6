/** The resource index: every resource of the input by fullUrl and by Type/id, for reference resolution. */

import type { Provenance } from '../clinical/types';
import { asObject, asObjects, asString, type Json } from './json';

export interface IndexedResource {
  resource: Json;
  fullUrl: string | null;
}

export class ResourceIndex {
  readonly resources: IndexedResource[] = [];
  private readonly byKey = new Map<string, Json>();
  private readonly byCanonical = new Map<string, Json>();

  add(resource: Json, fullUrl: string | null): void {
    this.resources.push({ resource, fullUrl });
    const type = asString(resource.resourceType);
    const id = asString(resource.id);
    if (fullUrl) this.byKey.set(fullUrl, resource);
    if (type && id) this.byKey.set(`${type}/${id}`, resource);
    const canonical = asString(resource.url);
    if (canonical) this.byCanonical.set(canonical.split('|')[0] ?? canonical, resource);
  }

  /** Resolves a reference; `#id` looks in the referring resource's contained resources. */
  resolve(reference: unknown, from: Json | null): Json | null {
    const text = asString(asObject(reference)?.reference) ?? asString(reference);
    if (!text) return null;
    if (text.startsWith('#')) {
      return asObjects(from?.contained).find((inner) => inner.id === text.slice(1)) ?? null;
    }
    const direct = this.byKey.get(text);
    if (direct) return direct;
    // An absolute URL "https://server/fhir/Patient/1" refers to Patient/1 of that server.
    const tail = /([A-Z][A-Za-z]+\/[A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/.exec(text);
    return tail?.[1] ? (this.byKey.get(tail[1]) ?? null) : null;
  }

  canonical(url: string | null, from: Json | null): Json | null {
    if (!url) return null;
    if (url.startsWith('#')) return this.resolve(url, from);
    return this.byCanonical.get(url.split('|')[0] ?? url) ?? this.resolve(url, from);
  }
}

export function indexInput(json: unknown, index: ResourceIndex): void {
  const resource = asObject(json);
  if (!resource) return;
  if (resource.resourceType === 'Bundle') {
    for (const entry of asObjects(resource.entry)) {
      const inner = asObject(entry.resource);
      if (!inner) continue;
      if (inner.resourceType === 'Bundle') indexInput(inner, index);
      else index.add(inner, asString(entry.fullUrl));
    }
    return;
  }
  index.add(resource, null);
}

export function provenanceOf(resource: Json, fullUrl: string | null): Provenance {
  const type = asString(resource.resourceType) ?? 'Resource';
  const id = asString(resource.id);
  return { source: 'fhir', via: id ? `${type}/${id}` : (fullUrl ?? type) };
}
