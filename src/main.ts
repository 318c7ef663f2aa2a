// Page entry point: wires the UI to the bench client and the charts. No math lives here.
export {};
