/** The 64-byte header the result sink writes before a subtask's stream (java/.../arrow/ResultFileWriter.java). */
export function resultHeader(token: string, length: number): Buffer {
  const header = Buffer.alloc(64);
  header.write('FFRESULT', 0, 'latin1');
  header.writeBigInt64BE(BigInt(length), 8);
  header.writeInt32BE(token.length, 16);
  header.write(token, 20, 'latin1');
  return header;
}
