// Types for the part of the `smpp` npm package (0.5.x, plain JavaScript) that Switchboard uses:
// the client session, the server for the test SMSC, PDUs and the status constants.
declare module 'smpp' {
  import type { EventEmitter } from 'node:events';
  import type { Server as NetServer } from 'node:net';

  namespace smpp {
    /** A decoded short_message / message_payload: UDH split into information elements. */
    interface DecodedMessage {
      udh?: Buffer[];
      message: string | Buffer;
    }

    /** Fields are named as in the SMPP specification; which exist depends on the command. */
    interface PDU {
      command: string;
      command_id: number;
      command_status: number;
      sequence_number: number;
      isResponse(): boolean;
      response(options?: Record<string, unknown>): PDU;
      // Parameters and TLVs of the commands we read.
      system_id?: string;
      password?: string;
      message_id?: string;
      source_addr?: string;
      source_addr_ton?: number;
      source_addr_npi?: number;
      destination_addr?: string;
      dest_addr_ton?: number;
      esm_class?: number;
      data_coding?: number;
      registered_delivery?: number;
      short_message?: DecodedMessage | Buffer | string;
      message_payload?: DecodedMessage | Buffer | string;
      receipted_message_id?: string;
      message_state?: number;
      network_error_code?: Buffer;
      sar_msg_ref_num?: number;
      sar_total_segments?: number;
      sar_segment_seqnum?: number;
      [field: string]: unknown;
    }

    type PduCallback = (pdu: PDU) => void;

    interface Session extends EventEmitter {
      socket: import('node:net').Socket;
      send(pdu: PDU, responseCallback?: PduCallback, sendCallback?: PduCallback): boolean;
      close(callback?: () => void): void;
      destroy(callback?: () => void): void;
      pause(): void;
      resume(): void;
      bind_transceiver(options: Record<string, unknown>, responseCallback?: PduCallback): boolean;
      submit_sm(options: Record<string, unknown>, responseCallback?: PduCallback): boolean;
      deliver_sm(options: Record<string, unknown>, responseCallback?: PduCallback): boolean;
      enquire_link(options?: Record<string, unknown>, responseCallback?: PduCallback): boolean;
      unbind(options?: Record<string, unknown>, responseCallback?: PduCallback): boolean;
    }

    interface Server extends NetServer {
      sessions: Session[];
    }

    interface ConnectOptions {
      host: string;
      port: number;
      tls?: boolean;
      auto_enquire_link_period?: number;
      [option: string]: unknown;
    }

    function connect(options: ConnectOptions, listener?: () => void): Session;
    function createServer(options: Record<string, unknown>, listener: (session: Session) => void): Server;
    const PDU: new (command: string, options?: Record<string, unknown>) => PDU;
    /** ESME_* command_status values by name. */
    const errors: Record<string, number>;
  }
  export = smpp;
}
