/** The source archive formats a build context can be made from. */
export type ArchiveFormat = 'tar' | 'tar+gzip' | 'zip'

/** Tells the format from the magic bytes; file names and MIME types are not trusted. */
export function detectArchiveFormat(head: Buffer): ArchiveFormat | null {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'tar+gzip'
  if (head.length >= 4 && head.readUInt32BE(0) === 0x504b0304) return 'zip'
  if (head.length >= 262 && head.subarray(257, 262).toString('latin1') === 'ustar') return 'tar'
  return null
}
